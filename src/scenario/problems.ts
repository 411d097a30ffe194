/**
 * Problems found in an input file, each pinned to file:line:col and a field path, printed one per line.
 */
export type FieldPath = (string | number)[];

export interface CompileReport {
  error(path: FieldPath, message: string): void;
  warn(path: FieldPath, message: string): void;
  /** "file:line:col field.path" of a field, for messages produced after compilation. */
  where?(path: FieldPath): string;
}

export interface Problem {
  file: string;
  line: number;
  col: number;
  path: FieldPath;
  message: string;
  /** Set when the problem comes from a command-line flag or sweep cell, not the file: named instead of file:line:col. */
  origin?: string;
}

/** "cluster.instances[0].count" */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

export function formatProblem(p: Problem): string {
  if (p.origin !== undefined) return `${p.origin}: ${p.message}`;
  const where = p.path.length > 0 ? ` ${formatPath(p.path)}:` : "";
  return `${p.file}:${p.line}:${p.col}${where} ${p.message}`;
}

/** Thrown for input the user must fix; the CLI prints each line and exits 2. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
  }
}
