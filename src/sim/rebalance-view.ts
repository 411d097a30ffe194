/**
 * The RebalanceView a rebalance hook gets (placement/rebalance-api.ts): a snapshot of the placed tasks at
 * the instant of the call, over the run's read-only ClusterView. Task ids are public ids (serials); the
 * snapshot maps them back to the engine's slots for the moves it receives.
 */
import { TaskState } from "../model/task-table.ts";
import type { ClusterView } from "../placement/cluster-view.ts";
import type { PlacedTask, RebalanceView } from "../placement/rebalance-api.ts";
import type { Engine } from "./engine.ts";

export class TaskSnapshot implements RebalanceView {
  readonly tasks: readonly PlacedTask[];
  readonly #slotOf = new Map<number, number>();
  readonly #byInstance = new Map<number, PlacedTask[]>();
  readonly #byService = new Map<string, PlacedTask[]>();

  constructor(
    readonly cluster: ClusterView,
    private readonly engine: Engine,
    /** Why a replacement of the task in `slot` cannot go to instance i ("" when it can). */
    private readonly cannotHost: (slot: number, i: number) => string,
    /** Whether a move of the task in `slot` is under way. */
    isMoving: (slot: number) => boolean,
  ) {
    const e = engine;
    const t = e.tasks;
    const c = e.cluster;
    const services = e.scenario.dynamics.services;
    const list: PlacedTask[] = [];
    for (let slot = 0; slot < t.count; slot++) {
      const state = t.state(slot);
      if (state !== TaskState.Running && state !== TaskState.Provisioning) continue;
      const i = t.instance(slot);
      const k = t.service(slot);
      const shape = e.shapes[t.shape(slot)]!;
      const task: PlacedTask = Object.freeze({
        id: t.serial(slot),
        service: k >= 0 ? services[k]!.name : null,
        daemon: k >= 0 && services[k]!.daemon,
        family: shape.family,
        cpu: shape.cpu,
        memory: shape.memory,
        gpu: shape.gpu,
        instance: i,
        zone: c.zones[c.zoneOf[i]!]!,
        state: state === TaskState.Running ? "RUNNING" : "PROVISIONING",
        placedAt: t.startedAt(slot),
        moving: k >= 0 && isMoving(slot),
      });
      list.push(task);
      this.#slotOf.set(task.id, slot);
    }
    list.sort((a, b) => a.instance - b.instance || a.id - b.id);
    for (const task of list) {
      push(this.#byInstance, task.instance, task);
      if (task.service !== null) push(this.#byService, task.service, task);
    }
    this.tasks = Object.freeze(list);
  }

  tasksOn(i: number): readonly PlacedTask[] {
    return this.#byInstance.get(i) ?? [];
  }

  serviceTasks(service: string): readonly PlacedTask[] {
    return this.#byService.get(service) ?? [];
  }

  canMoveTo(task: PlacedTask, i: number): boolean {
    const slot = this.#slotOf.get(task.id);
    return slot !== undefined && this.engine.tasks.service(slot) >= 0 && this.cannotHost(slot, i) === "";
  }

  /** The engine slot of a public task id in this snapshot, or -1. */
  slotOf(id: unknown): number {
    return typeof id === "number" ? (this.#slotOf.get(id) ?? -1) : -1;
  }
}

function push<K>(m: Map<K, PlacedTask[]>, k: K, v: PlacedTask): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
