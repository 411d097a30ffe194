/**
 * consolidate: a rebalance hook (docs/dynamics.md, "Task moves") that empties lightly used instances by
 * moving their service tasks onto the busiest instances that can take them, so a capacity provider's
 * managed scaling (which removes only instances without tasks) can remove the emptied ones.
 *
 * Every call: instances holding only movable tasks (service, non-daemon, not already moving), below half
 * reserved memory, are emptied least-reserved first, at most `PER_ROUND` of them; each task goes to the
 * most-reserved other ACTIVE instance that can take it (view.canMoveTo, with the CPU and memory this call
 * already promised held back; an instance receiving tasks is not emptied in the same call). An instance is taken only if all its tasks find a place. Placement is untouched:
 * use it after any chain, e.g. [{ type: spread, ... }, { type: ./consolidate.ts }].
 */
import type { PlacedTask, RebalanceView, TaskMove } from "../../src/placement/rebalance-api.ts";
import type { StrategyInput } from "../../src/placement/strategy.ts";

const PER_ROUND = 2;

function reserved(view: RebalanceView, i: number): number {
  const c = view.cluster;
  return 1 - c.freeMemory(i) / c.registeredMemory(i);
}

// A plain object with type-only imports (erased when the file loads), so the file also runs where berth is
// installed from npm and src/ does not exist; berth normalizes it as defineStrategy would.
const consolidate: StrategyInput = {
  name: "consolidate",
  description: "moves service tasks off the least-reserved instances onto the busiest that fit",
  rebalance(view) {
    const c = view.cluster;
    const active: number[] = [];
    for (let i = 0; i < c.count; i++) if (c.active(i)) active.push(i);
    const movable = (tasks: readonly PlacedTask[]) =>
      tasks.length > 0 && tasks.every((t) => t.service !== null && !t.daemon && !t.moving);
    const sources = active
      .filter((i) => reserved(view, i) < 0.5 && movable(view.tasksOn(i)))
      .sort((a, b) => reserved(view, a) - reserved(view, b) || a - b);
    // CPU and memory promised to earlier moves of this call, by instance
    const promised = new Map<number, { cpu: number; memory: number }>();
    const emptied = new Set<number>();
    const moves: TaskMove[] = [];
    for (const from of sources) {
      if (emptied.size >= PER_ROUND) break;
      if (promised.has(from)) continue; // it receives tasks this round
      const targets = active
        .filter((i) => i !== from && !emptied.has(i))
        .sort((a, b) => reserved(view, b) - reserved(view, a) || a - b);
      const plan: TaskMove[] = [];
      const held = new Map(promised);
      for (const task of view.tasksOn(from)) {
        const to = targets.find((i) => {
          const h = held.get(i) ?? { cpu: 0, memory: 0 };
          return (
            c.freeCpu(i) - h.cpu >= task.cpu &&
            c.freeMemory(i) - h.memory >= task.memory &&
            view.canMoveTo(task, i)
          );
        });
        if (to === undefined) break;
        const h = held.get(to) ?? { cpu: 0, memory: 0 };
        held.set(to, { cpu: h.cpu + task.cpu, memory: h.memory + task.memory });
        plan.push({ task: task.id, to });
      }
      if (plan.length !== view.tasksOn(from).length) continue;
      for (const [i, h] of held) promised.set(i, h);
      emptied.add(from);
      moves.push(...plan);
    }
    return moves;
  },
};

export default consolidate;
