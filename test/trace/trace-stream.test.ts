import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type TraceOptions, TraceStream } from "../../src/trace/trace-stream.ts";

const dir = mkdtempSync(join(tmpdir(), "berth-trace-"));

function file(name: string, text: string, gzip = false): string {
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

function drain(path: string, options: TraceOptions = {}) {
  const s = new TraceStream(path, options);
  const out: { time: number; line: number; copy: number }[] = [];
  for (let t = s.next(); t; t = s.next()) out.push({ time: t.time, line: t.line, copy: t.copy });
  return { out, s };
}

const rows = (times: number[]) =>
  `submit,duration,cpu,memory\n${times.map((t) => `${t},10,1,1`).join("\n")}\n`;

describe("TraceStream", () => {
  it("reads gzip and plain files alike, in time order", () => {
    const text = rows([0, 1, 2, 5, 8]);
    const plain = drain(file("a.csv", text)).out;
    const gz = drain(file("a.csv.gz", text, true)).out;
    expect(gz).toEqual(plain);
    expect(plain.map((t) => t.time)).toEqual([0, 1, 2, 5, 8]);
  });

  it("puts rows back in order within the window and replays later ones late, reporting them", () => {
    const path = file("ooo.csv", rows([0, 5, 3, 6, 7, 1]));
    const inWindow = drain(path, { window: 16 });
    expect(inWindow.out.map((t) => t.time)).toEqual([0, 1, 3, 5, 6, 7]);
    expect(inWindow.s.stats.adjusted.size).toBe(0);
    const small = drain(path, { window: 1 });
    expect(small.out.map((t) => t.time)).toEqual([0, 5, 5, 6, 7, 7]);
    const late = small.s.stats.adjusted.get("out of time order (replayed late)")!;
    expect(late.count).toBe(2);
    expect(late.first).toEqual([`${path}:4`, `${path}:7`]);
    expect(small.s.maxLateSeconds).toBe(6);
  });

  it("accounts for every row: read = tasks + skipped, with file:line of the first", () => {
    const path = file("bad.csv", "submit,duration,cpu,memory\n1,2,3,4\nx,1,1,1\n\n2,1,-5,1\n3,1,1,1\n");
    const { out, s } = drain(path, { label: "bad.csv" });
    expect(out).toHaveLength(2);
    expect(s.stats.rowsRead).toBe(4);
    expect(s.stats.tasks + s.stats.skippedCount).toBe(s.stats.rowsRead);
    expect(s.stats.skipped.get("bad submit time")!.first).toEqual(["bad.csv:3"]);
    expect(s.stats.skipped.get("bad cpu")!.first).toEqual(["bad.csv:5"]);
  });

  it("speed compresses arrival times; reading stops after `until`", () => {
    const path = file("speed.csv", rows([0, 10, 20, 30, 40]));
    expect(drain(path, { speed: 2 }).out.map((t) => t.time)).toEqual([0, 5, 10, 15, 20]);
    expect(drain(path, { speed: 2, until: 12 }).out.map((t) => t.time)).toEqual([0, 5, 10]);
  });

  it("sample thins and replicate copies deterministically, keyed by row and seed", () => {
    const times = Array.from({ length: 2000 }, (_, k) => k);
    const path = file("many.csv", rows(times));
    const half = drain(path, { factor: 0.5, seed: 7 }).out;
    expect(half.length).toBeGreaterThan(900);
    expect(half.length).toBeLessThan(1100);
    expect(drain(path, { factor: 0.5, seed: 7 }).out).toEqual(half);
    expect(drain(path, { factor: 0.5, seed: 8 }).out).not.toEqual(half);
    const double = drain(path, { factor: 2, seed: 7, jitter: 30 }).out;
    expect(double).toHaveLength(4000);
    const copies = double.filter((t) => t.copy === 1);
    expect(copies).toHaveLength(2000);
    for (let k = 1; k < double.length; k++)
      expect(double[k]!.time).toBeGreaterThanOrEqual(double[k - 1]!.time);
    const lag = copies.map((c) => c.time - (c.line - 2));
    expect(Math.min(...lag)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lag)).toBeLessThan(30);
    const oneAndHalf = drain(path, { factor: 1.5, seed: 7 }).out;
    expect(oneAndHalf.length).toBeGreaterThan(2900);
    expect(oneAndHalf.length).toBeLessThan(3100);
  });

  it("reads NDJSON", () => {
    const path = file("x.ndjson", '{"submit":2,"duration":1}\n{"submit":1}\nnot json\n');
    const { out, s } = drain(path);
    expect(out.map((t) => t.time)).toEqual([1, 2]);
    expect(s.stats.skipped.get("not JSON")!.count).toBe(1);
  });
});
