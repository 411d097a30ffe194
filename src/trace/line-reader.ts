/**
 * Reads a text file line by line, synchronously and in bounded memory: 1 MiB chunks from disk, gunzipped
 * on the fly (fflate's streaming inflater) when the file starts with the gzip magic bytes, decoded as UTF-8
 * across chunk boundaries. Only the current chunk and the lines not yet handed out are held.
 *
 * Synchronous on purpose: a run is a synchronous event loop that pulls the next trace task when it needs
 * it, and the scenario compiler scans traces synchronously too.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Fflate from "fflate";
import type { Gunzip } from "fflate";

/** fflate, loaded at the first gzip file: it builds its inflate tables when loaded, which every start paid. */
let fflateModule: typeof Fflate | undefined;
function fflate(): typeof Fflate {
  fflateModule ??= createRequire(import.meta.url)("fflate") as typeof Fflate;
  return fflateModule;
}

const CHUNK = 1 << 16;

export class LineReader {
  /** 1-based number of the line last returned by next(). */
  line = 0;
  /** Bytes read from disk so far (compressed bytes for a gzip file). */
  bytesRead = 0;
  private fd: number;
  private readonly buffer = new Uint8Array(CHUNK);
  private readonly decoder = new TextDecoder("utf-8");
  private readonly gunzip: Gunzip | undefined;
  private lines: string[] = [];
  private at = 0;
  private rest = "";
  private eof = false;
  /** Decoded text produced by the inflater during one push. */
  private inflated: string[] = [];

  constructor(
    readonly file: string,
    private readonly hash?: { update(bytes: Uint8Array): unknown },
  ) {
    this.fd = openSync(file, "r");
    const n = readSync(this.fd, this.buffer, 0, CHUNK, null);
    this.bytesRead = n;
    this.hash?.update(this.buffer.subarray(0, n));
    const gz = n >= 2 && this.buffer[0] === 0x1f && this.buffer[1] === 0x8b;
    if (gz) {
      this.gunzip = new (fflate().Gunzip)((data) => {
        this.inflated.push(this.decoder.decode(data, { stream: true }));
      });
    }
    this.take(this.buffer.subarray(0, n), n === 0);
  }

  /** The next line without its line ending, or undefined at the end of the file. */
  next(): string | undefined {
    while (this.at >= this.lines.length) {
      if (this.eof) {
        if (this.rest.length === 0) return undefined;
        const last = this.rest;
        this.rest = "";
        this.line++;
        return stripCr(last);
      }
      this.readChunk();
    }
    this.line++;
    return stripCr(this.lines[this.at++]!);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private readChunk(): void {
    const n = readSync(this.fd, this.buffer, 0, CHUNK, null);
    this.bytesRead += n;
    this.hash?.update(this.buffer.subarray(0, n));
    this.take(this.buffer.subarray(0, n), n === 0);
  }

  private take(bytes: Uint8Array, final: boolean): void {
    let text: string;
    if (this.gunzip) {
      this.inflated = [];
      this.gunzip.push(bytes, final);
      text = this.inflated.join("");
    } else {
      text = this.decoder.decode(bytes, { stream: !final });
    }
    if (final) {
      this.eof = true;
      if (this.gunzip) text += this.decoder.decode();
      this.close();
    }
    const parts = (this.rest + text).split("\n");
    this.rest = parts.pop()!;
    this.lines = parts;
    this.at = 0;
  }
}

function stripCr(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
