import { describe, expect, it } from "vitest";
import { DecisionTimer, MAX_DECISION_SAMPLES } from "../../src/sim/decision-timer.ts";

describe("DecisionTimer", () => {
  it("keeps an evenly spaced subsample in bounded memory: every stride-th decision, the stride doubling", () => {
    const timer = new DecisionTimer(8);
    const decisions = 8 * MAX_DECISION_SAMPLES * 5;
    for (let n = 0; n < decisions; n++) if (timer.timed(n)) timer.record(n);
    const kept = timer.toArray();
    expect(kept.length).toBeLessThanOrEqual(MAX_DECISION_SAMPLES);
    expect(kept.length).toBeGreaterThanOrEqual(MAX_DECISION_SAMPLES / 2);
    // The samples are decisions 0, s, 2s, ... for the final stride s: evenly spaced over the whole run.
    const s = timer.stride;
    expect(s).toBeGreaterThan(8);
    kept.forEach((v, k) => expect(v).toBe(k * s));
    expect(kept[kept.length - 1]! + s).toBeGreaterThanOrEqual(decisions);
  });

  it("keeps every stride-th decision while under the bound", () => {
    const timer = new DecisionTimer(8);
    for (let n = 0; n < 100; n++) if (timer.timed(n)) timer.record(n);
    expect(Array.from(timer.toArray())).toEqual([0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96]);
  });
});
