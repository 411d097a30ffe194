import { describe, expect, it } from "vitest";
import { chooseShare } from "../../src/sim/capacity-providers.ts";
import { nextPiecewise, sortPieces } from "../../src/sim/workload.ts";
import { runText, STRATEGIES, timesOf } from "./run-scenario.ts";

const scenario = (workload: string, horizon = "1d") => `name: t
horizon: ${horizon}
cluster:
  instances:
    - { type: m5.4xlarge, count: 50 }
taskDefinitions:
  - family: a
    containerDefinitions: [{ name: c, cpu: 1, memory: 1 }]
  - family: b
    containerDefinitions: [{ name: c, cpu: 1, memory: 1 }]
workload:
${workload}
${STRATEGIES}`;

const pendingTimes = (r: ReturnType<typeof runText>) => timesOf(r.log, (e) => e.state === "PENDING");

describe("arrival processes", () => {
  it("piecewise inversion walks across pieces and skips zero-rate ones", () => {
    const pieces = sortPieces([
      { from: 100, rate: 0 },
      { from: 0, rate: 0.1 },
      { from: 200, rate: 1 },
    ]);
    expect(nextPiecewise(pieces, 0, 5)).toBeCloseTo(50);
    // From 10: 90 s x 0.1 = 9 units until 100, nothing until 200, the last unit at rate 1.
    expect(nextPiecewise(pieces, 10, 10)).toBeCloseTo(201);
    expect(nextPiecewise(pieces, 150, 2)).toBeCloseTo(202);
  });

  it("a piecewise source follows its rates (counts per piece near rate x length)", () => {
    const r = runText(
      scenario(`  - taskDefinition: a
    duration: { type: constant, value: 1 }
    arrival: { type: piecewise, rates: [{ from: 0, ratePerHour: 600 }, { from: 12h, ratePerHour: 0 }, { from: 18h, ratePerHour: 1200 }] }`),
    );
    const t = pendingTimes(r);
    const inRange = (a: number, b: number) => t.filter((x) => x >= a * 3600 && x < b * 3600).length;
    expect(inRange(12, 18)).toBe(0);
    expect(Math.abs(inRange(0, 12) - 7200) / 7200).toBeLessThan(0.05);
    expect(Math.abs(inRange(18, 24) - 7200) / 7200).toBeLessThan(0.05);
  });

  it("a sinusoid source peaks at peakAt and bottoms out half a period later", () => {
    const r = runText(
      scenario(`  - taskDefinition: a
    duration: { type: constant, value: 1 }
    arrival: { type: sinusoid, ratePerHour: 1000, amplitude: 0.8, period: 1d, peakAt: 6h }`),
    );
    const t = pendingTimes(r);
    const around = (h: number) => t.filter((x) => Math.abs(x - h * 3600) < 3600).length;
    // Expected over the two hours around the peak: ~2 x 1000 x 1.8 x 0.98; around the trough ~2 x 1000 x 0.2.
    expect(around(6)).toBeGreaterThan(3200);
    expect(around(18)).toBeLessThan(600);
    expect(Math.abs(t.length - 24000) / 24000).toBeLessThan(0.05);
  });

  it("schedule submits count tasks at each listed time, in time order", () => {
    const r = runText(
      scenario(`  - taskDefinition: a
    duration: { type: constant, value: 1 }
    arrival: { type: schedule, at: [2h, 10m, 1h], count: 2 }`),
    );
    expect(pendingTimes(r)).toEqual([600, 600, 3600, 3600, 7200, 7200]);
  });

  it("a mix draws task definitions by weight", () => {
    const r = runText(
      scenario(`  - mix: [{ taskDefinition: a, weight: 3 }, { taskDefinition: b, weight: 1 }]
    duration: { type: constant, value: 1 }
    arrival: { type: interval, every: 10s }`),
    );
    const fam = r.log.entries.filter((e) => e.state === "PENDING").map((e) => e.family);
    const share = fam.filter((f) => f === "a").length / fam.length;
    expect(fam.length).toBe(8641);
    expect(share).toBeGreaterThan(0.73);
    expect(share).toBeLessThan(0.77);
  });
});

describe("capacity provider strategy", () => {
  it("fills the base first, then splits by weight", () => {
    const shares = [
      { provider: 0, base: 2, weight: 1 },
      { provider: 1, base: 0, weight: 3 },
    ];
    const counts = [0, 0];
    const order: number[] = [];
    for (let k = 0; k < 10; k++) {
      const j = chooseShare(shares, counts);
      counts[j]!++;
      order.push(j);
    }
    expect(order.slice(0, 2)).toEqual([0, 0]);
    expect(counts).toEqual([4, 6]); // base 2, then 8 split 1:3 -> 2 and 6
  });
});
