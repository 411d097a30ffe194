/**
 * The read-only view of the cluster that strategies get. It holds the model in private fields, so a
 * strategy can read every figure placement uses but cannot change reservations, tasks or instances.
 *
 * Indexed queries answer without scanning every instance: `withAttribute(name, value)` (instances by an
 * attribute value, e.g. one zone or one instance type) and `groupTasks` / `groupTasksByAttribute`
 * (running tasks of a group on an instance or in an attribute bucket, O(1)).
 */
import { type Cluster, InstanceStatus, Misfit } from "../model/cluster.ts";
import type { TaskGroups } from "./task-groups.ts";
import type { TaskView } from "./task-view.ts";
import { ReadonlyTask } from "./task-view.ts";

const STATUS_TEXT = ["GONE", "ACTIVE", "DRAINING"] as const;

export class ClusterView {
  readonly #cluster: Cluster;
  readonly #groups: TaskGroups;
  readonly #byAttribute = new Map<string, { upTo: number; values: Map<string, number[]> }>();

  constructor(cluster: Cluster, groups: TaskGroups) {
    this.#cluster = cluster;
    this.#groups = groups;
  }

  /** Instances registered so far (ids 0..count-1; some may be gone). */
  get count(): number {
    return this.#cluster.count;
  }
  id(i: number): string {
    return this.#cluster.ids[i]!;
  }
  status(i: number): "ACTIVE" | "DRAINING" | "GONE" {
    return STATUS_TEXT[this.#cluster.status[i]!] ?? "GONE";
  }
  active(i: number): boolean {
    return this.#cluster.status[i] === InstanceStatus.Active;
  }
  instanceType(i: number): string {
    return this.#cluster.types[this.#cluster.typeOf[i]!]!.name;
  }
  zone(i: number): string {
    return this.#cluster.zones[this.#cluster.zoneOf[i]!]!;
  }
  attribute(i: number, name: string): string | undefined {
    return this.#cluster.attributes[i]?.get(name);
  }
  /** Simulated seconds at which the instance registered. */
  registeredAt(i: number): number {
    return this.#cluster.registeredAt[i]!;
  }
  registeredCpu(i: number): number {
    return this.#cluster.regCpu[i]!;
  }
  registeredMemory(i: number): number {
    return this.#cluster.regMemory[i]!;
  }
  registeredGpu(i: number): number {
    return this.#cluster.regGpu[i]!;
  }
  registeredEni(i: number): number {
    return this.#cluster.regEni[i]!;
  }
  freeCpu(i: number): number {
    return this.#cluster.freeCpu[i]!;
  }
  freeMemory(i: number): number {
    return this.#cluster.freeMemory[i]!;
  }
  freeGpu(i: number): number {
    return this.#cluster.freeGpu[i]!;
  }
  freeEni(i: number): number {
    return this.#cluster.freeEni[i]!;
  }
  runningTasks(i: number): number {
    return this.#cluster.runningTasks[i]!;
  }

  /** True when the task's resources (CPU, memory, GPUs, ENIs, ports) fit instance i now. */
  fits(task: TaskView, i: number): boolean {
    const shape = ReadonlyTask.shapeOf(task);
    if (shape) return this.#cluster.misfit(shape, i) === Misfit.None;
    const c = this.#cluster;
    return (
      c.status[i] === InstanceStatus.Active &&
      c.freeCpu[i]! >= task.cpu &&
      c.freeMemory[i]! >= task.memory &&
      c.freeGpu[i]! >= task.gpu &&
      c.freeEni[i]! >= task.eni
    );
  }

  /** Integer id of a task group by name, or -1 when no task of it exists yet. */
  groupId(name: string): number {
    return this.#groups.names.indexOf(name);
  }
  /** Running tasks of the group on instance i. */
  groupTasks(groupId: number, i: number): number {
    return groupId < 0 ? 0 : this.#groups.onInstance(groupId, i);
  }
  /**
   * A counter of running tasks of a group on all instances sharing instance i's value of the attribute
   * (instances without it form one bucket). Ask once in setup; each call is O(1).
   */
  groupTasksByAttribute(attribute: string): (groupId: number, i: number) => number {
    const handle = this.#groups.handle(attribute);
    const groups = this.#groups;
    return (g, i) => groups.onAttributeOf(handle, g, i);
  }

  /** Instances whose attribute equals value, in registration order (indexed; do not modify the array). */
  withAttribute(name: string, value: string): readonly number[] {
    let index = this.#byAttribute.get(name);
    if (!index) {
      index = { upTo: 0, values: new Map() };
      this.#byAttribute.set(name, index);
    }
    const c = this.#cluster;
    for (; index.upTo < c.count; index.upTo++) {
      const v = c.attributes[index.upTo]?.get(name);
      if (v === undefined) continue;
      const list = index.values.get(v);
      if (list) list.push(index.upTo);
      else index.values.set(v, [index.upTo]);
    }
    return index.values.get(value) ?? EMPTY;
  }
}

const EMPTY: readonly number[] = Object.freeze([]);
