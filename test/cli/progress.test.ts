import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type ProgressSink, RunProgress, unitProgress } from "../../src/cli/progress.ts";

function fakeSink(tty: boolean) {
  let clock = 0;
  const lines: string[] = [];
  const live: string[] = [];
  const sink: ProgressSink = {
    line: (t) => lines.push(t),
    now: () => clock,
    ...(tty ? { live: (t: string) => live.push(t) } : {}),
  };
  return { sink, lines, live, advance: (s: number) => (clock += s) };
}

describe("run progress", () => {
  it("on a terminal, shows simulated time, events/s and the ETA of all runs once a run passes a second", () => {
    const f = fakeSink(true);
    const p = new RunProgress(f.sink, 4, 3600);
    p.start();
    f.advance(0.5);
    p.tick("binpack", 1, 900, 50_000);
    expect(f.live).toEqual([]); // under a second: nothing drawn
    f.advance(1.5);
    p.tick("binpack", 1, 1800, 200_000);
    // Half the horizon in 2 s: 2 s left for this run, 3 more runs of ~4 s each.
    expect(f.live).toEqual(["  binpack seed 1 (run 1 of 4): t=30m of 1h (50%), 100k events/s, ETA 14s"]);
    f.advance(0.05);
    p.tick("binpack", 1, 1900, 210_000);
    expect(f.live).toHaveLength(1); // redrawn at most every 0.1 s
    f.advance(2);
    p.finished("binpack", 1, 1, 400_000, 4.05);
    expect(f.live.at(-1)).toBe("");
    expect(f.lines).toEqual(["  binpack seed 1: 1 task, 400000 events in 4.05s"]);
  });

  it("elsewhere prints only one line per finished run", () => {
    const f = fakeSink(false);
    const p = new RunProgress(f.sink, 2, 60);
    p.start();
    f.advance(5);
    p.tick("spread", 2, 30, 10);
    p.finished("spread", 2, 3, 1, 5);
    expect(f.live).toEqual([]);
    expect(f.lines).toEqual(["  spread seed 2: 3 tasks, 1 event in 5.00s"]);
  });
});

/** A stream that records what is written; `tty` makes it look like an interactive terminal. */
function fakeStream(tty: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  if (tty) {
    stream.isTTY = true;
    stream.columns = 120;
  }
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe("unit progress (sweeps)", () => {
  it("draws a bar with done/total, rate and ETA on a terminal", async () => {
    const f = fakeStream(true);
    let clock = 0;
    const p = unitProgress("sweep growth", 4, { stream: f.stream, env: {}, now: () => clock });
    clock = 2000;
    p.tick(1);
    clock = 4000;
    p.tick(2);
    p.stop();
    await new Promise((r) => setImmediate(r));
    const out = f.text();
    // The final state, redrawn in place (cursor control codes, no newline per update).
    expect(out).toContain("sweep growth [");
    // Half done: half the bar filled; the rate from the injected clock (2 units in 4 s).
    expect(out).toMatch(/sweep growth \[={20}-{20}\] 2\/4 units \| 0\.5\/s \| ETA \d+s/);
    expect(out).toContain("\x1b[");
    expect(out).not.toContain("units (");
  });

  it("prints plain lines, at most every N seconds and at the end, when not a terminal or under CI", async () => {
    for (const [tty, env] of [
      [false, {}],
      [true, { CI: "true" }],
    ] as const) {
      const f = fakeStream(tty);
      let clock = 0;
      const p = unitProgress("sweep growth", 3, { stream: f.stream, env, every: 10, now: () => clock });
      clock = 4000;
      p.tick(1); // 4 s: too soon for a line
      clock = 12_000;
      p.tick(2); // 12 s: a line
      clock = 13_000;
      p.tick(3); // the end: always a line
      p.stop();
      await new Promise((r) => setImmediate(r));
      expect(f.text()).toBe(
        "sweep growth: 2/3 units (66%), 0.17/s, ETA 6s\nsweep growth: 3/3 units (100%), 0.23/s, ETA 0s\n",
      );
    }
  });

  it("prints nothing when quiet", async () => {
    const f = fakeStream(true);
    const p = unitProgress("sweep growth", 3, { stream: f.stream, env: {}, quiet: true });
    p.tick(3);
    p.stop();
    await new Promise((r) => setImmediate(r));
    expect(f.text()).toBe("");
  });
});
