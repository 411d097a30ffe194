/**
 * A defragmenter run with a strategy (`rebalance:` on a strategy; docs/dynamics.md): every `every` seconds it
 * vacates the least-reserved instances and retires them, the way an operator frees instances by hand in ECS
 * (drain, let the services move their tasks, terminate and lower the group's desired capacity).
 *
 * drain-emptiest, one round:
 *   candidates = ACTIVE instances holding tasks, all of them service tasks (a standalone task cannot be
 *                moved) or daemons, reserved share (the larger of CPU and memory) below `belowReserved`, in a
 *                group above its minSize; least reserved first, then lower id;
 *   an instance is vacated only if its service tasks fit, first-fit by memory, into what the other ACTIVE
 *                instances have free (CPU and memory; ports and ENIs are checked by placement itself); the
 *                capacity it would take is held for the next candidate of the round;
 *   vacating = draining: the services replace the tasks start-first within their deployment limits
 *                (services.ts), placed by the strategy itself;
 *   retiring  = once no non-daemon task is left, the instance is terminated and its group shrinks by one.
 * Follow-up checks every FOLLOW_UP seconds retire vacated instances soon after they empty.
 */
import { InstanceStatus } from "../model/cluster.ts";
import { TaskState } from "../model/task-table.ts";
import type { RebalanceSpec } from "../placement/strategy-spec.ts";
import type { Engine } from "./engine.ts";
import { REBALANCE_TICK } from "./events.ts";
import type { Fleets } from "./instance-lifecycle.ts";

/** Seconds between checks for vacated instances that have emptied (berth's choice). */
export const FOLLOW_UP = 30;

export class Rebalancer {
  private readonly vacating = new Set<number>();
  private nextRound: number;

  constructor(
    private readonly engine: Engine,
    private readonly fleets: Fleets,
    private readonly spec: RebalanceSpec,
  ) {
    this.nextRound = spec.every;
    engine.context.events.on(REBALANCE_TICK, (_arg, now) => this.tick(now));
  }

  begin(): void {
    this.engine.push(this.nextRound, REBALANCE_TICK, 0);
  }

  /** Whether the instance is being vacated by the rebalancer (its tasks are moves, not drains). */
  isVacating(i: number): boolean {
    return this.vacating.has(i);
  }

  /** REBALANCE_TICK: retire emptied instances, start a round when due, schedule the next check. */
  tick(now: number): void {
    this.retireEmptied(now);
    if (now >= this.nextRound) {
      this.round(now);
      this.nextRound = now + this.spec.every;
    }
    const next = this.vacating.size > 0 ? Math.min(now + FOLLOW_UP, this.nextRound) : this.nextRound;
    this.engine.push(next, REBALANCE_TICK, 0);
  }

  private retireEmptied(now: number): void {
    const c = this.engine.cluster;
    for (const i of [...this.vacating]) {
      if (c.status[i] === InstanceStatus.Gone) this.vacating.delete(i);
      else if (this.fleets.workload(i) === 0) {
        this.vacating.delete(i);
        this.fleets.retire(i, now);
      }
    }
  }

  private round(now: number): void {
    const e = this.engine;
    const c = e.cluster;
    const freeCpu = Float64Array.from(c.freeCpu.subarray(0, c.count));
    const freeMemory = Float64Array.from(c.freeMemory.subarray(0, c.count));
    const targets: number[] = [];
    for (let i = 0; i < c.count; i++)
      if (c.status[i] === InstanceStatus.Active && !this.vacating.has(i)) targets.push(i);
    const candidates = targets
      .map((i) => ({ i, share: reservedShare(c, i), tasks: this.movableTasks(i) }))
      .filter((x) => x.tasks !== null && x.tasks.length > 0 && x.share < this.spec.belowReserved)
      .filter((x) => this.fleets.canRetire(x.i))
      .sort((a, b) => a.share - b.share || a.i - b.i);
    const picked: number[] = [];
    for (const { i, tasks } of candidates) {
      if (picked.length >= this.spec.maxInstances) break;
      const others = targets.filter((j) => j !== i && !this.vacating.has(j));
      if (!fitsElsewhere(tasks!, others, freeCpu, freeMemory, e)) continue;
      this.vacating.add(i);
      picked.push(i);
      e.dyn.vacated(tasks!.length);
    }
    // All leave placement before any service reacts, so no task moves onto an instance vacated this round.
    if (picked.length > 0) this.fleets.drainAll(picked, now, "rebalancing: vacated by drain-emptiest");
  }

  /** The service tasks on instance i, or null when it holds a standalone task (which cannot move). */
  private movableTasks(i: number): number[] | null {
    const e = this.engine;
    const out: number[] = [];
    for (const id of e.onInstance.on(i)) {
      if (e.tasks.state(id) === TaskState.Stopped) continue;
      const service = e.tasks.service(id);
      if (service < 0) return null;
      if (!e.scenario.dynamics.services[service]!.daemon) out.push(id);
    }
    return out;
  }
}

function reservedShare(c: Engine["cluster"], i: number): number {
  const cpu = c.regCpu[i]! > 0 ? 1 - c.freeCpu[i]! / c.regCpu[i]! : 0;
  const memory = c.regMemory[i]! > 0 ? 1 - c.freeMemory[i]! / c.regMemory[i]! : 0;
  return Math.max(cpu, memory);
}

/** First-fit decreasing by memory into the other instances' free CPU and memory; holds what it takes. */
function fitsElsewhere(
  tasks: number[],
  others: number[],
  freeCpu: Float64Array,
  freeMemory: Float64Array,
  e: Engine,
): boolean {
  const demand = tasks
    .map((id) => e.shapes[e.tasks.shape(id)]!)
    .sort((a, b) => b.memory - a.memory || b.cpu - a.cpu);
  const taken: [number, number, number][] = [];
  for (const d of demand) {
    const j = others.find((k) => freeCpu[k]! >= d.cpu && freeMemory[k]! >= d.memory);
    if (j === undefined) {
      for (const [k, cpu, memory] of taken) {
        freeCpu[k]! += cpu;
        freeMemory[k]! += memory;
      }
      return false;
    }
    freeCpu[j]! -= d.cpu;
    freeMemory[j]! -= d.memory;
    taken.push([j, d.cpu, d.memory]);
  }
  return true;
}
