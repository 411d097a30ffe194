/**
 * Counts of running tasks per task group, per instance and per value of each attribute a spread strategy
 * names. Spread ranks instances by these counts, so they are kept current on every placement and release
 * (O(1 + tracked attributes)) instead of being recounted per decision.
 *
 * A task group is "family:NAME" for standalone tasks unless the workload sets `group`, and "service:NAME"
 * for service tasks, as in ECS.
 */
import { grown } from "../core/growable.ts";
import type { Cluster } from "../model/cluster.ts";

interface AttributeIndex {
  /** Interned value per instance; 0 means the instance lacks the attribute. */
  valueOf: Int32Array;
  values: Map<string, number>;
  /** counts[group][value] */
  counts: Int32Array[];
}

export class TaskGroups {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  /** perInstance[group][instance] */
  private perInstance: Int32Array[] = [];
  private readonly attributes = new Map<string, AttributeIndex>();
  /** The same indexes as a list: `add` runs per placement and release, and a Map iterator costs there. */
  private readonly attributeList: AttributeIndex[] = [];
  private instanceCapacity = 16;
  /** Called with (group, instance) after a count changed (placement indexes subscribe here). */
  readonly onChange: ((group: number, i: number) => void)[] = [];

  constructor(private readonly cluster: Cluster) {}

  id(name: string): number {
    let g = this.ids.get(name);
    if (g === undefined) {
      g = this.names.push(name) - 1;
      this.ids.set(name, g);
      this.perInstance.push(new Int32Array(this.instanceCapacity));
      for (const a of this.attributes.values()) a.counts.push(new Int32Array(Math.max(4, a.values.size + 1)));
    }
    return g;
  }

  /** Starts tracking an attribute (before instances are added or after; both work). */
  track(attribute: string): void {
    if (this.attributes.has(attribute)) return;
    const index: AttributeIndex = {
      valueOf: new Int32Array(this.instanceCapacity),
      values: new Map(),
      counts: this.names.map(() => new Int32Array(4)),
    };
    this.attributes.set(attribute, index);
    this.attributeList.push(index);
    for (let i = 0; i < this.cluster.count; i++) this.indexInstance(index, attribute, i);
    // Count the tasks already running, so tracking late gives the same counts as tracking early.
    this.perInstance.forEach((onInstance, g) => {
      for (let i = 0; i < this.cluster.count; i++) index.counts[g]![index.valueOf[i]!]! += onInstance[i]!;
    });
  }

  /** Call after the cluster registers instance i. */
  instanceAdded(i: number): void {
    if (i >= this.instanceCapacity) {
      while (i >= this.instanceCapacity) this.instanceCapacity *= 2;
      this.perInstance = this.perInstance.map((a) => grown(a, this.instanceCapacity));
      for (const a of this.attributes.values()) a.valueOf = grown(a.valueOf, this.instanceCapacity);
    }
    for (const [name, index] of this.attributes) this.indexInstance(index, name, i);
  }

  /** Tasks of the group on instance i (0 for an instance registered but not yet added here). */
  onInstance(group: number, i: number): number {
    return this.perInstance[group]![i] ?? 0;
  }

  /** Tasks of the group on instances sharing instance i's value of the attribute. */
  onAttributeOf(attribute: AttributeHandle, group: number, i: number): number {
    return attribute.counts[group]![attribute.valueOf[i]!]!;
  }

  handle(attribute: string): AttributeHandle {
    this.track(attribute);
    return this.attributes.get(attribute)!;
  }

  add(group: number, i: number, delta: 1 | -1): void {
    this.perInstance[group]![i]! += delta;
    for (const a of this.attributeList) a.counts[group]![a.valueOf[i]!]! += delta;
    for (let k = 0; k < this.onChange.length; k++) this.onChange[k]!(group, i);
  }

  private indexInstance(index: AttributeIndex, attribute: string, i: number): void {
    const value = this.cluster.attributes[i]?.get(attribute);
    let v = 0;
    if (value !== undefined) {
      v = index.values.get(value) ?? 0;
      if (v === 0) {
        v = index.values.size + 1;
        index.values.set(value, v);
        index.counts = index.counts.map((c) => (v < c.length ? c : grown(c, c.length * 2)));
      }
    }
    index.valueOf[i] = v;
  }
}

export type AttributeHandle = Readonly<Pick<AttributeIndex, "valueOf" | "counts">>;
