import { describe, expect, it } from "vitest";
import { taskIdText } from "../../src/model/task-table.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";

function run(file: string) {
  const { scenario } = loadScenarioFile(file);
  const log = new MemoryLog();
  const result = simulate(scenario, scenario.strategies[0]!, scenario.seed, { log });
  return { result, log };
}

describe("task slots", () => {
  it("are reused in a run without dynamics: as many as tasks alive at once, public ids still in submission order", () => {
    const { result, log } = run("test/golden/scenarios/mixed.yaml");
    const submitted = result.metrics.tasks.submitted;
    let alive = 0;
    let peak = 0;
    const pendingOrder: string[] = [];
    const lifecycle = new Map<string, string[]>();
    for (const e of log.entries) {
      if (e.task === undefined) continue;
      const states = lifecycle.get(e.task!) ?? [];
      states.push(e.state!);
      lifecycle.set(e.task!, states);
      if (e.state === "PENDING") {
        pendingOrder.push(e.task!);
        peak = Math.max(peak, ++alive);
      } else if (e.state === "STOPPED") alive--;
    }
    expect(submitted).toBeGreaterThan(300);
    expect(pendingOrder).toEqual(Array.from({ length: submitted }, (_, k) => taskIdText(k)));
    // Each public id has one life: PENDING first, STOPPED (if any) last.
    for (const states of lifecycle.values()) {
      expect(states[0]).toBe("PENDING");
      const stopped = states.indexOf("STOPPED");
      if (stopped >= 0) expect(stopped).toBe(states.length - 1);
    }
    expect(result.timing.taskSlots).toBe(peak);
    expect(peak).toBeLessThan(submitted * 0.6);
  });

  it("are not reused in a run with dynamics (stale events may still name a stopped task)", () => {
    const { result } = run("scenarios/crash-loop.yaml");
    expect(result.timing.taskSlots).toBe(result.metrics.tasks.submitted);
  });
});
