/**
 * Bounded memory: replaying a 1,000,000-row trace must not hold it. A child process compiles a scenario
 * over a generated gzip trace (the compile scan streams every row through the reader a run uses); its
 * peak RSS is compared with the same child on a 300,000-row trace. Rows are ~110 bytes, so holding the
 * 700,000 extra rows as text would add ~75 MB, as row objects several times more; streaming adds nothing
 * that grows with the file (what remains is the collector's slack). Both children run with a 64 MB old
 * generation, which the 1M-row file would overflow if anything held it.
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

function peak(trace: string): { tasks: number; maxRss: number } {
  const out = execFileSync(
    process.execPath,
    ["--max-old-space-size=64", "--import", "tsx", join(import.meta.dirname, "rss-child.ts"), trace, dir],
    {
      encoding: "utf8",
    },
  );
  return JSON.parse(out.trim().split("\n").pop()!);
}

describe("trace streaming memory", () => {
  it("a 1M-row trace streams in bounded memory", { timeout: 120_000 }, async () => {
    const small = await generate(300_000, "small.csv.gz");
    const big = await generate(1_000_000, "big.csv.gz");
    const a = peak(small);
    const b = peak(big);
    expect(a.tasks).toBe(300_000);
    expect(b.tasks).toBe(1_000_000);
    console.log(
      `peak RSS: 300k rows ${(a.maxRss / 2 ** 20).toFixed(0)} MiB, 1M rows ${(b.maxRss / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(b.maxRss - a.maxRss).toBeLessThan(30 * 2 ** 20);
  });
});
