/** Known answers for berth plan: Erlang C for a mean-wait SLO, and packing of identical items. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadStrategyModules } from "../../../src/cli/strategy-files.ts";
import { selectStrategies } from "../../../src/cli/strategy-selection.ts";
import { cheapest } from "../../../src/sweep/plan/plan-report.ts";
import { Planner, type PlanRequest } from "../../../src/sweep/plan/planner.ts";
import { parseSlo, type Slo } from "../../../src/sweep/plan/slo.ts";
import { runUnit } from "../../../src/sweep/run-unit.ts";
import { erlangCMeanWait } from "../../helpers/erlang.ts";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

function slo(text: string): Slo {
  const s = parseSlo(text);
  if (typeof s === "string") throw new Error(s);
  return s;
}

function planner(file: string, slos: string[], extra: Partial<PlanRequest> = {}): Planner {
  return new Planner({
    scenarioFile: `${FIXTURES}${file}`,
    overrides: [],
    slos: slos.map(slo),
    resolveStrategies: (sc, names) => selectStrategies("plan", sc.strategies, names),
    // In process: the pool is exercised by the CLI test.
    runUnit: (task) =>
      runUnit(task, (sc, names) =>
        loadStrategyModules(selectStrategies("plan", sc.strategies, names), sc.portUniverse),
      ),
    ...extra,
  });
}

describe("berth plan: known answers", () => {
  it("finds the Erlang C minimum number of servers for a mean-wait SLO", async () => {
    // Analytic: the smallest c with Wq(c) <= 5 s at 4 erlangs is 7 (Wq(6) = 8.5 s, Wq(7) = 2.7 s).
    const lambda = 4 / 60;
    const mu = 1 / 60;
    expect(erlangCMeanWait(6, lambda, mu)).toBeGreaterThan(5);
    expect(erlangCMeanWait(7, lambda, mu)).toBeLessThan(5);
    const p = planner("mmc.yaml", ["placementDelay.mean <= 5s"]);
    const answers = await p.size();
    for (const a of answers) {
      expect(a.value).toBe(7);
      expect(a.instances).toEqual({ slot: 7 });
      expect(a.costPerHour).toBeCloseTo(0.7, 10);
      expect(a.slos[0]!.holds).toBe(true);
      expect(a.slos[0]!.margin).toBeGreaterThan(0);
    }
    // 6 was probed and failed for both strategies.
    const six = p.probes.find((x) => x.x === 6)!;
    expect([...six.judgements.values()].every((j) => !j[0]!.holds)).toBe(true);
  }, 120_000);

  it("finds the packing minimum of identical items per type, and the cheapest type", async () => {
    // 25 items, 4 per box (ceil(25/4) = 7 boxes), 8 per big box (ceil(25/8) = 4).
    const p = planner("packing.yaml", ["tasks.pendingAtEnd == 0"], { types: ["box", "big"] });
    const answers = await p.size();
    expect(answers.map((a) => [a.strategy, a.candidate, a.value])).toEqual([
      ["binpack", "box", 7],
      ["spread", "box", 7],
      ["binpack", "big", 4],
      ["spread", "big", 4],
      ["binpack", "mix", expect.any(Number)],
      ["spread", "mix", expect.any(Number)],
    ]);
    // Both types cost $0.05 per item slot: no mix beats 28 slots for $1.40.
    expect(answers.map((a) => a.costPerHour)).toEqual(
      [1.4, 1.4, 1.6, 1.6, 1.4, 1.4].map((c) => expect.closeTo(c, 10)),
    );
    expect(cheapest(answers).map((a) => [a.strategy, a.candidate])).toEqual([
      ["binpack", "box"],
      ["spread", "box"],
    ]);
    expect(answers[0]!.probes).toBeGreaterThan(1);
    expect(answers[0]!.runs).toBe(answers[0]!.probes * 3);
  }, 120_000);

  it("finds a mix of two types cheaper than either type alone", async () => {
    // two-kinds.yaml: every box holds one kind of task; cpu alone 15 ($4.50), mem alone 15 ($3.00), the
    // cheapest mix 3 cpu + 3 mem ($1.50), and every cheaper neighbour of it leaves a task pending.
    const p = planner("two-kinds.yaml", ["tasks.pendingAtEnd == 0"], { types: ["cpu", "mem"] });
    const answers = await p.size();
    expect(answers.map((a) => [a.candidate, a.value, a.costPerHour])).toEqual([
      ["cpu", 15, expect.closeTo(4.5, 10)],
      ["mem", 15, expect.closeTo(3, 10)],
      ["mix", 6, expect.closeTo(1.5, 10)],
    ]);
    const mix = answers[2]!;
    expect({ ...mix.instances }).toEqual({ cpu: 3, mem: 3 });
    expect(mix.slos[0]!.holds).toBe(true);
    expect(cheapest(answers).map((a) => a.candidate)).toEqual(["mix"]);
    const judged = (cpu: number, mem: number) =>
      p.probes
        .find((q) => q.candidate === "mix" && q.instances.cpu === cpu && q.instances.mem === mem)
        ?.judgements.get("binpack")?.[0]?.holds;
    // The descent proved the neighbours: one fewer of either type, or a cpu box swapped for a mem box.
    expect([judged(2, 3), judged(3, 2), judged(2, 4)]).toEqual([false, false, false]);
    expect(mix.probes).toBeGreaterThan(1);
    expect(mix.runs).toBe(mix.probes * 2);
  }, 120_000);

  it("stops the mix search at its probe allowance and keeps the best found", async () => {
    const p = planner("two-kinds.yaml", ["tasks.pendingAtEnd == 0"], { types: ["cpu", "mem"], mixProbes: 2 });
    const answers = await p.size();
    const mix = answers.find((a) => a.candidate === "mix")!;
    expect(mix.probes).toBe(2);
    expect(mix.found).toBe(true);
    expect(mix.costPerHour!).toBeLessThanOrEqual(3);
  }, 120_000);

  it("compacts per seed to the packing minimum", async () => {
    const p = planner("packing.yaml", ["tasks.pendingAtEnd == 0", "tasks.failedPlacement == 0"]);
    const compacted = await p.compact();
    for (const c of compacted) {
      expect(c.perSeed.map((s) => s.instances)).toEqual([7, 7, 7]);
      expect([c.min, c.median, c.max]).toEqual([7, 7, 7]);
    }
  }, 120_000);

  it("finds the headroom of a fixed cluster near the analytic load", async () => {
    // 7 slots: Wq <= 5 s up to about L* x 4 erlangs; the 95% bound makes the answer a little lower.
    let lo = 1;
    let hi = 7 / 4;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (erlangCMeanWait(7, (4 * mid) / 60, 1 / 60) <= 5) lo = mid;
      else hi = mid;
    }
    const p = planner("mmc.yaml", ["placementDelay.mean <= 5s"], {
      overrides: [{ path: ["cluster", "instances", 0, "count"], value: 7, origin: "test" }],
      strategies: ["random"],
    });
    const [a] = await p.headroom();
    expect(a!.value).toBeGreaterThan(0.85 * lo);
    expect(a!.value).toBeLessThanOrEqual(1.03 * lo);
  }, 300_000);
});

describe("SLOs", () => {
  it("judge at the unfavourable 95% bound", async () => {
    const { judgeSlo } = await import("../../../src/sweep/plan/slo.ts");
    const up = judgeSlo(slo("placementDelay.p99 <= 60s"), [50, 52, 54, 56]);
    expect(up.bound).toBeGreaterThan(up.mean);
    expect(up.holds).toBe(true);
    expect(judgeSlo(slo("placementDelay.p99 <= 60s"), [40, 50, 60, 70]).holds).toBe(false);
    expect(judgeSlo(slo("utilization.cpu >= 50%"), [0.6, 0.62, 0.61]).holds).toBe(true);
    expect(judgeSlo(slo("tasks.failedPlacement == 0"), [0, 0, 0]).holds).toBe(true);
    expect(judgeSlo(slo("tasks.failedPlacement == 0"), [0, 1, 0]).holds).toBe(false);
    expect(parseSlo("nonsense.metric <= 3")).toMatch(/unknown metric/);
    expect(parseSlo("placementDelay.p99 of binpack <= 3")).toMatch(/write METRIC/);
  });
});
