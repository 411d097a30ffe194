/**
 * Streams a CSV table (gzip or plain) row by row with the row's file:line, for importers. Headerless tables
 * take their column names from the caller; `header: "auto"` uses the first line when it names `expect`.
 */
import { basename } from "node:path";
import { LineReader } from "../trace/line-reader.ts";
import { splitCsv } from "../trace/trace-row.ts";

export interface CsvRow {
  fields: string[];
  where: string;
}

export function* csvRows(
  file: string,
  options: { header?: boolean; onBad?: (where: string) => void } = {},
): Generator<CsvRow, void, undefined> {
  const reader = new LineReader(file);
  const label = basename(file);
  let first = options.header === true;
  for (let line = reader.next(); line !== undefined; line = reader.next()) {
    if (first) {
      first = false;
      continue;
    }
    if (line.trim() === "") continue;
    const where = `${label}:${reader.line}`;
    const fields = splitCsv(line);
    if (!fields) {
      options.onBad?.(where);
      continue;
    }
    yield { fields, where };
  }
}

/** The first line of a file (to recognise a table by its header). */
export function firstLine(file: string): string {
  const reader = new LineReader(file);
  const line = reader.next() ?? "";
  reader.close();
  return line;
}

/** A number from a field, or NaN for empty or non-numeric. */
export function num(s: string | undefined): number {
  if (s === undefined || s.trim() === "") return Number.NaN;
  return Number(s);
}
