import { describe, expect, it } from "vitest";
import { type ProgressSink, RunProgress } from "../../src/cli/progress.ts";

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
