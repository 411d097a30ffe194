/**
 * Daemon headroom (`reserveCapacity: true` on a DAEMON service; docs/dynamics.md). ECS places a daemon task
 * on an instance only if the instance has room for it at that moment; on an instance packed by other tasks
 * a new or redeployed daemon does not land (aws/containers-roadmap #428). berth counts those misses for
 * every daemon service (services.ts) and, with reserveCapacity, holds the room instead:
 *
 *   size(s)   = the largest CPU and the largest memory over the service's task definition and the ones its
 *               deployments roll out (taken separately);
 *   hold(s,i) = size(s) minus what the daemon task of s on ACTIVE instance i reserves now (all of size(s)
 *               while it has none there), capped by what is free when the hold is taken.
 *
 * The hold is taken out of the instance's free CPU and memory, so placement, the scaler and every metric
 * built on free capacity see it as reserved; it is given back to the daemon itself just before the daemon
 * is placed there, and dropped when the instance goes. Ports, ENIs and GPUs are not held.
 */
import type { Cluster, PlacementShape } from "../model/cluster.ts";
import type { ServiceSpec } from "../scenario/compiled.ts";

interface Room {
  cpu: number;
  memory: number;
}

export class DaemonHeadroom {
  /** Per service index: the room its largest revision needs (undefined: the service holds nothing). */
  private readonly size: (Room | undefined)[];
  /** Per service index: the room held on each instance. */
  private readonly held: Map<number, Room>[];

  constructor(
    private readonly cluster: Cluster,
    services: readonly ServiceSpec[],
    shapes: readonly PlacementShape[],
  ) {
    this.size = services.map((s) => {
      if (!s.daemon || !s.reserveCapacity) return undefined;
      const revisions = [s.shape, ...s.deployments.map((d) => d.shape)].map((k) => shapes[k]!);
      return {
        cpu: Math.max(...revisions.map((r) => r.cpu)),
        memory: Math.max(...revisions.map((r) => r.memory)),
      };
    });
    this.held = services.map(() => new Map());
  }

  /** Whether any service holds room. */
  get active(): boolean {
    return this.size.some((x) => x !== undefined);
  }

  /** Holds for service k on instance i the room its largest revision needs beyond `used` (its daemon there). */
  hold(k: number, i: number, used: Room): void {
    const size = this.size[k];
    if (size === undefined) return;
    this.release(k, i);
    const c = this.cluster;
    // An instance too small for the daemon at all keeps nothing for it.
    if (c.regCpu[i]! < size.cpu || c.regMemory[i]! < size.memory) return;
    const cpu = Math.max(0, Math.min(size.cpu - used.cpu, c.freeCpu[i]!));
    const memory = Math.max(0, Math.min(size.memory - used.memory, c.freeMemory[i]!));
    if (cpu === 0 && memory === 0) return;
    c.freeCpu[i]! -= cpu;
    c.freeMemory[i]! -= memory;
    this.held[k]!.set(i, { cpu, memory });
    c.changed(i);
  }

  /** Gives service k's hold on instance i back to the instance (before its daemon is placed there). */
  release(k: number, i: number): void {
    const room = this.held[k]?.get(i);
    if (room === undefined) return;
    this.held[k]!.delete(i);
    const c = this.cluster;
    c.freeCpu[i]! += room.cpu;
    c.freeMemory[i]! += room.memory;
    c.changed(i);
  }

  /** Instance i is gone: its holds go with it. */
  gone(i: number): void {
    for (const m of this.held) m.delete(i);
  }

  /** Whether service k holds room (reserveCapacity). */
  reserves(k: number): boolean {
    return this.size[k] !== undefined;
  }
}
