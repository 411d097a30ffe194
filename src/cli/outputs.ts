/**
 * Every file berth writes goes through here, so that:
 * - output paths are checked BEFORE a simulation starts (`checkOutputs`): parent folders are created, a
 *   folder that is a file, a file that is a folder and an unwritable folder are usage errors (exit 2) naming
 *   the path, instead of errno text after an hour of simulation;
 * - a file is written to a temporary name beside it and renamed into place (`writeOutputs`), and a set of
 *   files is renamed only once every one of them was written, so a failed run (disk full, killed) never
 *   leaves a truncated results.json beside the previous run's summary and report;
 * - a streamed file (the --events log) is written to a temporary name and renamed by `commit()`;
 * - any write error names the file and says what happened in words (exit 1).
 * Limits: the check cannot foresee a disk filling up during the run; a rename over an existing file is
 * atomic on POSIX file systems, not across devices (the temporary file is always in the target's folder).
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./usage-error.ts";

export interface OutputTarget {
  /** What names this path to the user, e.g. "--out", "--junit" or "report folder". */
  what: string;
  path: string;
  kind: "file" | "folder";
}

export interface OutputFile {
  path: string;
  /** Text (written as UTF-8) or bytes (chart PNGs). */
  content: string | Uint8Array;
}

/** A write that failed after the run: exit 1, the message names the file. */
export class OutputWriteError extends Error {
  override name = "OutputWriteError";
}

const ERRNO_WORDS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EEXIST: "a file is in the way",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

/** "no space left on the device (ENOSPC)" from a Node fs error. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && ERRNO_WORDS[code]) return `${ERRNO_WORDS[code]} (${code})`;
  const message = String((e as Error)?.message ?? e).split("\n")[0]!;
  return code ? `${message.replace(/^[A-Z]+: /, "")}` : message;
}

function kindOf(path: string): "file" | "folder" | "missing" | "other" {
  try {
    const s = statSync(path);
    return s.isDirectory() ? "folder" : s.isFile() ? "file" : "other";
  } catch {
    return "missing";
  }
}

function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** Creates `folder` (and its parents) and proves a file can be created in it, or says why not. */
function ensureWritableFolder(folder: string): string | undefined {
  const kind = kindOf(folder);
  if (kind === "file" || kind === "other") return `${folder} is a file, not a folder`;
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    return `cannot create folder ${folder}: ${describeFsError(e)}`;
  }
  const probe = join(folder, `.berth-write-check.${process.pid}.tmp`);
  try {
    writeFileSync(probe, "");
    unlinkSync(probe);
  } catch (e) {
    return `cannot write in ${folder}: ${describeFsError(e)}`;
  }
  return undefined;
}

/**
 * Checks every output before the simulation: creates folders (and files' parent folders), proves each is
 * writable. Throws a UsageError (exit 2) naming the first path that cannot be written.
 */
export function checkOutputs(targets: OutputTarget[]): void {
  for (const t of targets) {
    let why: string | undefined;
    if (t.kind === "folder") {
      why = ensureWritableFolder(t.path);
    } else {
      const kind = kindOf(t.path);
      if (kind === "folder") why = `${t.path} is a folder, not a file`;
      else if (kind === "other") why = `${t.path} is not a regular file`;
      else why = ensureWritableFolder(dirname(t.path));
    }
    if (why !== undefined) throw new UsageError(`${t.what} ${t.path}: ${why}`);
  }
}

/**
 * Writes the files to temporary names, then renames them all into place. If any write fails, every
 * temporary file is removed and no target is touched: the previous outputs stay whole.
 */
export function writeOutputs(files: OutputFile[]): void {
  const written: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      mkdirSyncQuiet(dirname(f.path));
      const tmp = temporaryName(f.path);
      written.push({ tmp, path: f.path });
      try {
        writeFileSync(tmp, f.content);
      } catch (e) {
        throw new OutputWriteError(`cannot write ${f.path}: ${describeFsError(e)}`);
      }
    }
    // Renames cannot fail half-way for a reason we can see coming: check every target first.
    for (const w of written) {
      if (kindOf(w.path) === "folder") throw new OutputWriteError(`cannot write ${w.path}: it is a folder`);
    }
    for (const w of written) {
      try {
        renameSync(w.tmp, w.path);
      } catch (e) {
        throw new OutputWriteError(`cannot write ${w.path}: ${describeFsError(e)}`);
      }
    }
  } catch (e) {
    for (const w of written) removeQuietly(w.tmp);
    throw e;
  }
}

/** One file, written to a temporary name and renamed into place. */
export function writeOutputFile(path: string, content: string): void {
  writeOutputs([{ path, content }]);
}

/** Removes a temporary file we wrote; never a folder, and never fails the caller. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // a folder or an unremovable file: leave it, the original error matters more
  }
}

function mkdirSyncQuiet(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new OutputWriteError(`cannot create folder ${folder}: ${describeFsError(e)}`);
  }
}

/**
 * A file written in pieces (the event log): appended to a temporary name; `commit()` renames it into place,
 * `abort()` removes it. Write errors name the final path.
 */
export class StreamedOutput {
  private readonly tmp: string;
  private fd: number | undefined;

  constructor(readonly path: string) {
    mkdirSyncQuiet(dirname(path));
    this.tmp = temporaryName(path);
    try {
      this.fd = openSync(this.tmp, "w");
    } catch (e) {
      throw new OutputWriteError(`cannot write ${path}: ${describeFsError(e)}`);
    }
  }

  write(text: string): void {
    if (this.fd === undefined) throw new OutputWriteError(`cannot write ${this.path}: already closed`);
    try {
      writeSync(this.fd, text);
    } catch (e) {
      throw new OutputWriteError(`cannot write ${this.path}: ${describeFsError(e)}`);
    }
  }

  commit(): void {
    this.closeFd();
    try {
      renameSync(this.tmp, this.path);
    } catch (e) {
      removeQuietly(this.tmp);
      throw new OutputWriteError(`cannot write ${this.path}: ${describeFsError(e)}`);
    }
  }

  abort(): void {
    try {
      this.closeFd();
    } finally {
      removeQuietly(this.tmp);
    }
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      closeSync(fd);
    } catch (e) {
      throw new OutputWriteError(`cannot write ${this.path}: ${describeFsError(e)}`);
    }
  }
}

/** Removes what a StreamedOutput for `path` left behind when its writer could not abort (a killed worker). */
export function discardStreamed(path: string): void {
  removeQuietly(temporaryName(path));
}

const MAX_FOLDER_NAME = 100;

/**
 * A folder name derived from a scenario name that cannot escape or break its parent: characters other than
 * letters, digits, '.', '_' and '-' become '_', a leading '.' becomes '_' (so "." and ".." are plain
 * names), an empty name becomes "scenario", and a name longer than 100 characters is cut and suffixed
 * with a hash of the whole name (so two long names that share a prefix do not collide).
 */
export function safeFolderName(name: string): string {
  let s = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\./, "_");
  if (s === "") s = "scenario";
  if (s.length > MAX_FOLDER_NAME) s = `${s.slice(0, MAX_FOLDER_NAME - 9)}-${fnv1a(name)}`;
  return s;
}

/** reports/<safe scenario name> */
export function defaultReportFolder(scenarioName: string): string {
  return join("reports", safeFolderName(scenarioName));
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
