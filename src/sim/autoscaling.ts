/**
 * ECS managed scaling for Auto Scaling group capacity providers (cluster-auto-scaling.md), evaluated once
 * a minute (SCALING_TICK) per provider with managed scaling ENABLED:
 *
 *   N = instances in the provider's group (launching, active or draining)
 *   M = N + (instances needed for the provider's PENDING tasks)   when such tasks exist,
 *       instances running at least one non-daemon task            otherwise
 *   CapacityProviderReservation = M / N x 100   (200 when N = 0 and tasks are pending; 100 when N = 0 and none)
 *
 * The instances needed for pending tasks are counted by first-fit-decreasing (by memory, then cpu) onto
 * empty instances of the group's type, honouring CPU, memory, GPUs, ENIs and static host ports; a task that
 * cannot fit an empty instance is left out, as ECS does.
 *
 * Scale-out when the metric is above targetCapacity, unless an instance of the group is younger than
 * instanceWarmupPeriod: desired = N + clamp(ceil(M x 100 / target) - N, minimumScalingStepSize,
 * maximumScalingStepSize); from zero instances ECS goes to 2 (200%), clamped the same way.
 * Scale-in only after 15 consecutive one-minute datapoints below target: desired = N - min(N -
 * ceil(M x 100 / target), maximumScalingStepSize), removing instances as instance-lifecycle.ts describes
 * (with managed termination protection, only instances without non-daemon tasks). The counter restarts
 * after each scale-in.
 */
import { TaskState } from "../model/task-table.ts";
import type { ProviderSpec } from "../scenario/compile-dynamics.ts";
import type { Engine } from "./engine.ts";
import { SCALING_TICK } from "./events.ts";
import type { Fleets } from "./instance-lifecycle.ts";

export const DATAPOINT_SECONDS = 60;
export const SCALE_IN_DATAPOINTS = 15;

export class ManagedScaling {
  private readonly below: Int32Array;
  private readonly providers: ProviderSpec[];
  /** Position of each managed provider in the recorder's reservation series. */
  private readonly slot: number[];

  constructor(
    private readonly engine: Engine,
    private readonly fleets: Fleets,
  ) {
    engine.context.events.on(SCALING_TICK, (_arg, now) => this.tick(now));
    this.providers = engine.scenario.dynamics.providers;
    this.below = new Int32Array(this.providers.length);
    let next = 0;
    this.slot = this.providers.map((p) => (p.managedScaling ? next++ : -1));
  }

  get enabled(): boolean {
    return this.providers.some((p) => p.managedScaling);
  }

  begin(): void {
    if (this.enabled) this.engine.push(DATAPOINT_SECONDS, SCALING_TICK, 0);
  }

  tick(now: number): void {
    this.providers.forEach((p, k) => {
      if (p.managedScaling) this.evaluate(p, k, now);
    });
    this.engine.push(now + DATAPOINT_SECONDS, SCALING_TICK, 0);
  }

  /** The metric for provider k now, with its N and M. */
  measure(k: number): { n: number; m: number; reservation: number } {
    const e = this.engine;
    const p = this.providers[k]!;
    const members = this.fleets.groups[p.group]!.members;
    const n = members.length;
    const pendingShapes: number[] = [];
    e.pending.forEach((id) => {
      if (e.tasks.state(id) === TaskState.Pending && e.tasks.provider(id) === k)
        pendingShapes.push(e.tasks.shape(id));
    });
    const extra = pendingShapes.length > 0 ? this.instancesFor(pendingShapes, p.group) : 0;
    let m: number;
    if (extra > 0) m = n + extra;
    else {
      m = 0;
      for (const i of members) if (this.fleets.workload(i) > 0) m++;
    }
    const reservation = n > 0 ? (100 * m) / n : extra > 0 ? 200 : 100;
    return { n, m, reservation };
  }

  private evaluate(p: ProviderSpec, k: number, now: number): void {
    const { n, m, reservation } = this.measure(k);
    this.engine.dyn.reservation(this.slot[k]!, reservation);
    const target = p.targetCapacity;
    if (reservation > target) {
      this.below[k] = 0;
      if (this.fleets.warmingUp(p.group, now, p.instanceWarmupPeriod)) return;
      const wanted = n === 0 ? 2 : Math.ceil((m * 100) / target) - n;
      const step = Math.max(p.minimumScalingStepSize, Math.min(p.maximumScalingStepSize, wanted));
      this.fleets.setDesired(p.group, n + step, now, "managed");
    } else if (reservation < target) {
      this.below[k]!++;
      if (this.below[k]! < SCALE_IN_DATAPOINTS) return;
      this.below[k] = 0;
      const step = Math.min(n - Math.ceil((m * 100) / target), p.maximumScalingStepSize);
      if (step > 0) this.fleets.setDesired(p.group, n - step, now, "managed", p.managedTerminationProtection);
    } else {
      this.below[k] = 0;
    }
  }

  /** First-fit decreasing of the shapes onto empty instances of group g's type. */
  private instancesFor(shapeIds: number[], g: number): number {
    const e = this.engine;
    const type = e.scenario.instanceTypes[this.fleets.groups[g]!.typeIndex]!;
    const enis =
      e.scenario.awsvpcTrunking && type.trunkEniTasks !== undefined
        ? type.trunkEniTasks
        : Math.max(0, type.enis - 1);
    const shapes = shapeIds
      .map((s) => e.shapes[s]!)
      .filter((s) => s.cpu <= type.cpu && s.memory <= type.memory && s.gpu <= type.gpu && s.eni <= enis)
      .sort((a, b) => b.memory - a.memory || b.cpu - a.cpu);
    const bins: { cpu: number; memory: number; gpu: number; eni: number; ports: Set<string> }[] = [];
    for (const s of shapes) {
      let bin = bins.find(
        (b) =>
          b.cpu >= s.cpu &&
          b.memory >= s.memory &&
          b.gpu >= s.gpu &&
          b.eni >= s.eni &&
          s.staticPorts.every((port) => !b.ports.has(port)),
      );
      if (!bin) {
        bin = { cpu: type.cpu, memory: type.memory, gpu: type.gpu, eni: enis, ports: new Set() };
        bins.push(bin);
      }
      bin.cpu -= s.cpu;
      bin.memory -= s.memory;
      bin.gpu -= s.gpu;
      bin.eni -= s.eni;
      for (const port of s.staticPorts) bin.ports.add(port);
    }
    return bins.length;
  }
}
