/**
 * Bounded memory: replaying a trace must not hold it, however long it is. Measured as a slope: one child
 * process compiles a scenario over a generated 50,000-row gzip trace, then over a 250,000-row one (the
 * compile scan streams every row through the reader a run uses). The first compile brings the process to
 * its working size; the 200,000 more rows of the second must add next to nothing to its peak RSS and
 * nothing to the heap that survives it. Rows are ~110 bytes, so holding the extra rows as text would add
 * ~22 MB, as row objects several times more; the bound allowed is 40 bytes a row (8 MiB). The child's old
 * generation is capped at 32 MB, less than the larger file's text, and its young generation at 2 MB a
 * semi-space, so the collector's own growth does not blur the figure. A slope of zero is what lets the
 * docs promise bounded memory for a 1,000,000-row trace or any longer one, without the test replaying one
 * (which costs minutes of CPU on a loaded machine).
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { describe, expect, it } from "vitest";

/** An ignored column that makes each row ~110 bytes. */
const NOTE = "an ignored note column padding the row to about one hundred bytes";
const dir = mkdtempSync(join(tmpdir(), "berth-rss-"));
const MiB = 2 ** 20;

async function generate(rows: number, name: string): Promise<string> {
  const path = join(dir, name);
  function* lines() {
    yield "submit,duration,cpu,memory,family,group,note\n";
    let chunk = "";
    for (let k = 0; k < rows; k++) {
      chunk += `${(k * 0.37).toFixed(2)},${60 + (k % 600)},${128 * (1 + (k % 8))},${256 * (1 + (k % 16))},family-${k % 7},job-${k % 5000}-group,${NOTE}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = "";
      }
    }
    yield chunk;
  }
  await pipeline(lines, createGzip({ level: 1 }), createWriteStream(path));
  return path;
}

interface Sample {
  tasks: number;
  maxRss: number;
  heap: number;
}

/** Compiles each trace in turn in one capped child process; one sample after each. */
function samples(...traces: string[]): Sample[] {
  const out = execFileSync(
    process.execPath,
    [
      "--max-old-space-size=32",
      "--max-semi-space-size=2",
      "--expose-gc",
      "--import",
      "tsx",
      join(import.meta.dirname, "rss-child.ts"),
      dir,
      ...traces,
    ],
    { encoding: "utf8" },
  );
  return out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Sample);
}

describe("trace streaming memory", () => {
  it("a trace streams in bounded memory: 200,000 more rows add under 40 bytes a row", {
    timeout: 120_000,
  }, async () => {
    const small = await generate(50_000, "small.csv.gz");
    const big = await generate(250_000, "big.csv.gz");
    const [a, b] = samples(small, big);
    expect(a!.tasks).toBe(50_000);
    expect(b!.tasks).toBe(250_000);
    const rows = b!.tasks - a!.tasks;
    console.log(
      `peak RSS: 50k rows ${(a!.maxRss / MiB).toFixed(1)} MiB, 250k rows ${(b!.maxRss / MiB).toFixed(1)} MiB; ` +
        `heap kept: ${(a!.heap / MiB).toFixed(1)} -> ${(b!.heap / MiB).toFixed(1)} MiB`,
    );
    expect(b!.maxRss - a!.maxRss).toBeLessThan(40 * rows);
    expect(b!.heap - a!.heap).toBeLessThan(MiB);
  });
});
