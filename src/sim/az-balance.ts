/**
 * The `az-balance` built-in rebalancer: zone balance for every replica service's tasks, whatever the
 * service's placement strategy or availabilityZoneRebalancing setting (ECS's own AZ rebalancing,
 * az-rebalancing.ts, acts only behind a zone spread). Written against the same RebalanceView a strategy
 * file's rebalance hook gets; its moves go through the same checks (task-moves.ts).
 *
 * One round, service by service (in the order their tasks appear), over the zones with an ACTIVE instance:
 *   count each zone's tasks of the service (RUNNING or starting, on ACTIVE instances, not already moving);
 *   while the fullest and the emptiest zone differ by more than one, and the round has moves left:
 *     the task to move: in the fullest zone (ties: the zone listed first), on the instance holding the most
 *       of the service's tasks there, the most recently placed (then the highest id);
 *     its destination: an ACTIVE instance of the emptiest zone that can take it (view.canMoveTo, with the
 *       CPU and memory of this round's earlier moves held), holding the fewest of the service's tasks, then
 *       the most free memory, then the lowest index; with none there, the next emptiest zone still at least
 *       two tasks below the fullest; with none anywhere the service is left for the next round.
 * The counts are balanced when no two zones differ by more than one task: ECS's own definition.
 */
import type { PlacedTask, RebalanceView, TaskMove } from "../placement/rebalance-api.ts";

export function azBalance(view: RebalanceView, maxMoves: number): TaskMove[] {
  const c = view.cluster;
  const zones: string[] = [];
  const activeIn = new Map<string, number[]>();
  for (let i = 0; i < c.count; i++) {
    if (!c.active(i)) continue;
    const z = c.zone(i);
    const list = activeIn.get(z);
    if (list) list.push(i);
    else {
      activeIn.set(z, [i]);
      zones.push(z);
    }
  }
  zones.sort();
  if (zones.length < 2) return [];
  const held = new Map<number, { cpu: number; memory: number }>();
  const moves: TaskMove[] = [];
  const services: string[] = [];
  for (const t of view.tasks)
    if (t.service !== null && !t.daemon && !services.includes(t.service)) services.push(t.service);
  for (const service of services) {
    if (moves.length >= maxMoves) break;
    const perZone = new Map<string, PlacedTask[]>(zones.map((z) => [z, []]));
    const perInstance = new Map<number, number>();
    for (const t of view.serviceTasks(service)) {
      if (t.moving || !c.active(t.instance)) continue;
      perZone.get(t.zone)?.push(t);
      perInstance.set(t.instance, (perInstance.get(t.instance) ?? 0) + 1);
    }
    while (moves.length < maxMoves) {
      const order = [...zones].sort((a, b) => perZone.get(a)!.length - perZone.get(b)!.length);
      const full = [...zones].sort((a, b) => perZone.get(b)!.length - perZone.get(a)!.length)[0]!;
      const most = perZone.get(full)!.length;
      if (most - perZone.get(order[0]!)!.length <= 1) break;
      const task = pickTask(perZone.get(full)!, perInstance);
      if (task === undefined) break;
      let to = -1;
      for (const z of order) {
        if (perZone.get(z)!.length > most - 2) break;
        to = pickDestination(view, task, activeIn.get(z)!, perInstance, held);
        if (to >= 0) {
          const zoneTasks = perZone.get(full)!;
          zoneTasks.splice(zoneTasks.indexOf(task), 1);
          perZone.get(z)!.push({ ...task, instance: to, zone: z, moving: true });
          perInstance.set(task.instance, perInstance.get(task.instance)! - 1);
          perInstance.set(to, (perInstance.get(to) ?? 0) + 1);
          const h = held.get(to) ?? { cpu: 0, memory: 0 };
          held.set(to, { cpu: h.cpu + task.cpu, memory: h.memory + task.memory });
          moves.push({ task: task.id, to });
          break;
        }
      }
      if (to < 0) break;
    }
  }
  return moves;
}

function pickTask(tasks: PlacedTask[], perInstance: Map<number, number>): PlacedTask | undefined {
  let best: PlacedTask | undefined;
  for (const t of tasks) {
    if (t.moving) continue;
    if (best === undefined) {
      best = t;
      continue;
    }
    const d = perInstance.get(t.instance)! - perInstance.get(best.instance)!;
    if (
      d > 0 ||
      (d === 0 && (t.placedAt > best.placedAt || (t.placedAt === best.placedAt && t.id > best.id)))
    )
      best = t;
  }
  return best;
}

function pickDestination(
  view: RebalanceView,
  task: PlacedTask,
  instances: number[],
  perInstance: Map<number, number>,
  held: Map<number, { cpu: number; memory: number }>,
): number {
  const c = view.cluster;
  let best = -1;
  let bestCount = 0;
  let bestFree = 0;
  for (const i of instances) {
    const h = held.get(i);
    const freeCpu = c.freeCpu(i) - (h?.cpu ?? 0);
    const freeMemory = c.freeMemory(i) - (h?.memory ?? 0);
    if (freeCpu < task.cpu || freeMemory < task.memory || !view.canMoveTo(task, i)) continue;
    const count = perInstance.get(i) ?? 0;
    if (best < 0 || count < bestCount || (count === bestCount && freeMemory > bestFree)) {
      best = i;
      bestCount = count;
      bestFree = freeMemory;
    }
  }
  return best;
}
