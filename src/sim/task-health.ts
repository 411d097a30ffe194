/**
 * Container health checks of service tasks (docs/dynamics.md "Health checks"; the model is in
 * model/health-check.ts), and the target-group health checks of services with loadBalancers
 * (model/target-group.ts: the same probe arithmetic; a task counts once containers and target groups all
 * pass, and a target group finding it unhealthy first stops it with StopReason.ElbUnhealthy). A RUNNING service task whose essential containers have health checks counts for
 * its service (availability, deployments, minimumHealthyPercent) only once they pass; until then it holds
 * its reservation and waits. Its application is ready `readyTime` after RUNNING (a task definition's
 * distribution, 0 when unset). When its checks find it UNHEALTHY before it is healthy, the service replaces
 * it (StopReason.Unhealthy), but not before `healthCheckGracePeriodSeconds` after it started: a task
 * healthy by then is never replaced. Standalone tasks are never stopped for their health (as in ECS), so
 * only service tasks are followed.
 *
 * Determinism: readyTime draws are keyed like startup times (task-startup.ts), under the concern "ready".
 */
import { compileDistribution, type Sampler } from "../core/distributions.ts";
import { KeyedRandom } from "../core/keyed-random.ts";
import { healthOutcome } from "../model/health-check.ts";
import { StopReason, TaskState, type TaskTable } from "../model/task-table.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import { TASK_HEALTHY, TASK_UNHEALTHY } from "./events.ts";
import type { RunContext } from "./run-context.ts";
import { originOf } from "./task-origin.ts";

/** What health checks need of the engine (engine.ts implements it; an interface keeps imports one-way). */
export interface HealthHost {
  readonly scenario: CompiledScenario;
  readonly seed: number;
  readonly tasks: TaskTable;
  readonly context: RunContext;
  push(time: number, kind: number, arg: number): void;
  stop(id: number, now: number, reason: StopReason): void;
  serviceTaskHealthy(id: number, now: number): void;
}

const NO_CHECKS = { healthyAt: 0, unhealthyAt: Number.POSITIVE_INFINITY };

export class TaskHealth {
  /** readyTime sampler per shape index, or null for 0. */
  private readonly ready: (Sampler | null)[];
  private readonly keyed: KeyedRandom;
  /** Service tasks RUNNING whose health checks have not passed yet. */
  private readonly waiting = new Set<number>();
  /** Waiting tasks a target group will find unhealthy first (the stop reason then names ELB). */
  private readonly failsElb = new Set<number>();

  constructor(private readonly engine: HealthHost) {
    const d = engine.scenario.dynamics;
    this.ready = engine.scenario.shapes.map((_, k) => {
      const spec = d.readyTimes?.[k];
      return spec ? compileDistribution(spec) : null;
    });
    this.keyed = new KeyedRandom(engine.seed, "ready");
    engine.context.events.on(TASK_HEALTHY, (id, now) => this.healthy(id, now));
    engine.context.events.on(TASK_UNHEALTHY, (id, now) => this.unhealthy(id, now));
  }

  /**
   * Service task `id` turned RUNNING: true when it has health checks to pass first (it then counts for its
   * service at TASK_HEALTHY, or is replaced at TASK_UNHEALTHY).
   */
  awaitsChecks(id: number, now: number): boolean {
    const { tasks, scenario } = this.engine;
    const shape = tasks.shape(id);
    const checks = scenario.shapes[shape]?.healthChecks;
    const targetGroups = scenario.dynamics.services[tasks.service(id)]!.targetGroups;
    if (!checks && !targetGroups) return false;
    const sample = this.ready[shape];
    const origin = originOf(tasks.service(id), tasks.source(id));
    const ready = sample ? Math.max(0, sample(this.keyed.key(origin, tasks.ordinal(id), 0))) : 0;
    // Containers and target groups probe the same application: it counts once all pass, and is replaced
    // at the first one to find it unhealthy.
    const container = checks ? healthOutcome(checks, ready) : NO_CHECKS;
    const elb = targetGroups ? healthOutcome(targetGroups, ready) : NO_CHECKS;
    const healthyAt = Math.max(container.healthyAt, elb.healthyAt);
    const unhealthyAt = Math.min(container.unhealthyAt, elb.unhealthyAt);
    if (elb.unhealthyAt < container.unhealthyAt) this.failsElb.add(id);
    const grace = scenario.dynamics.services[tasks.service(id)]!.healthCheckGrace ?? 0;
    const actAt = Math.max(unhealthyAt, grace);
    this.waiting.add(id);
    if (healthyAt > actAt) this.engine.push(now + actAt, TASK_UNHEALTHY, id);
    else this.engine.push(now + healthyAt, TASK_HEALTHY, id);
    return true;
  }

  /** Whether task `id` is RUNNING but not healthy yet (it does not count for its service). */
  isWaiting(id: number): boolean {
    return this.waiting.size > 0 && this.waiting.has(id);
  }

  /** Task `id` stopped. */
  forget(id: number): void {
    if (this.waiting.size > 0) this.waiting.delete(id);
    if (this.failsElb.size > 0) this.failsElb.delete(id);
  }

  private healthy(id: number, now: number): void {
    if (this.failsElb.size > 0) this.failsElb.delete(id);
    if (!this.waiting.delete(id) || this.engine.tasks.state(id) !== TaskState.Running) return;
    this.engine.serviceTaskHealthy(id, now);
  }

  private unhealthy(id: number, now: number): void {
    if (!this.waiting.has(id) || this.engine.tasks.state(id) !== TaskState.Running) return;
    this.engine.stop(id, now, this.failsElb.has(id) ? StopReason.ElbUnhealthy : StopReason.Unhealthy);
  }
}
