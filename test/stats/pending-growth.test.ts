import { describe, expect, it } from "vitest";
import { createStream } from "../../src/core/random.ts";
import { pendingGrowth } from "../../src/stats/pending-growth.ts";

const times = (n: number, every = 60) => Array.from({ length: n }, (_, i) => i * every);

describe("pendingGrowth", () => {
  it("finds a queue that grows linearly through the run, with its rate", () => {
    const t = times(240);
    const rng = createStream(3, "test");
    // +2 tasks a minute with noise: a saturated cluster.
    const pending = t.map((s) => Math.max(0, Math.round((s / 60) * 2 + (rng() - 0.5) * 20)));
    const g = pendingGrowth(t, pending, 0)!;
    expect(g.growing).toBe(true);
    expect(g.perHour).toBeGreaterThan(100);
    expect(g.perHour).toBeLessThan(140);
  });

  it("does not flag a stable queue fluctuating around a level", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = createStream(seed, "test");
      const t = times(240);
      const pending = t.map(() => Math.floor(rng() * 4));
      expect(pendingGrowth(t, pending, 0)!.growing).toBe(false);
    }
  });

  it("does not flag a queue that built up and then levelled off or drained", () => {
    const t = times(200);
    const levelled = t.map((_, i) => Math.min(i, 60));
    const drained = t.map((_, i) => (i < 100 ? i : 200 - i));
    expect(pendingGrowth(t, levelled, 0)!.growing).toBe(false);
    expect(pendingGrowth(t, drained, 0)!.growing).toBe(false);
  });

  it("ignores the warm-up and needs enough samples to judge", () => {
    const t = times(100);
    // An initial backlog drains during the warm-up, then the queue grows without bound.
    const pending = t.map((_, i) => (i < 50 ? 100 - 2 * i : (i - 50) * 2));
    expect(pendingGrowth(t, pending, 0)!.growing).toBe(false);
    expect(pendingGrowth(t, pending, 50 * 60)!.growing).toBe(true);
    expect(pendingGrowth(times(5), [1, 2, 3, 4, 5], 0)).toBeNull();
  });

  it("does not call a small rise of a nearly empty queue growth", () => {
    const t = times(80);
    const pending = t.map((_, i) => (i < 20 ? 0 : i < 40 ? 0.1 : i < 60 ? 0.2 : 0.5));
    expect(pendingGrowth(t, pending, 0)!.growing).toBe(false);
  });
});
