/**
 * Task moves: a rebalancer that, every `every` seconds, asks for moves (a strategy file's
 * `rebalance(view, now)` hook, or the az-balance built-in) and makes the ones it can (docs/dynamics.md).
 *
 * A move names a placed task by id and, optionally, the instance its replacement goes to. Each is checked:
 * it must be a list of { task, to? }; the task must be placed now, belong to a REPLICA service, not run on
 * Fargate, not be outdated or already moving; the instance must exist, be ACTIVE, not be the task's own,
 * belong to the task's capacity provider, and take the task (resources, ports, constraints). The service
 * then moves it within its deployment limits (Services.move: start first below maximumPercent, else stop
 * first above minimumHealthyPercent, else refused). Each refused move is counted by reason
 * (dynamics.moveRejections) and skipped: a bad move never ends the run. A hook that throws ends the run
 * as a strategy fault (like a throwing placement hook), naming the strategy and the simulated time.
 */

import { TaskState } from "../model/task-table.ts";
import { ClusterView } from "../placement/cluster-view.ts";
import type { RebalanceView } from "../placement/rebalance-api.ts";
import { StrategyError } from "../placement/strategy.ts";
import type { Engine } from "./engine.ts";
import { REBALANCE_TICK } from "./events.ts";
import { TaskSnapshot } from "./rebalance-view.ts";
import type { Services } from "./services.ts";

/** Seconds between two calls of a strategy file's rebalance hook when the scenario sets no `every`. */
export const DEFAULT_REBALANCE_EVERY = 300;
/** Moves made per round at most when the scenario sets no `maxMoves`. */
export const DEFAULT_MAX_MOVES = 10;

export interface MoveSource {
  /** Who proposes the moves, for messages ("az-balance", or the strategy file's name). */
  name: string;
  /** User code: an exception is a strategy fault. */
  user: boolean;
  propose(view: RebalanceView, now: number): unknown;
}

export class TaskMoves {
  private readonly view: ClusterView;

  constructor(
    private readonly engine: Engine,
    private readonly services: Services,
    private readonly source: MoveSource,
    private readonly every: number,
    private readonly maxMoves: number,
  ) {
    this.view = new ClusterView(engine.cluster, engine.groups);
    engine.context.events.on(REBALANCE_TICK, (_arg, now) => this.tick(now));
  }

  begin(): void {
    this.engine.push(this.every, REBALANCE_TICK, 0);
  }

  tick(now: number): void {
    const services = this.services;
    const snapshot = new TaskSnapshot(
      this.view,
      this.engine,
      (slot, i) => services.cannotHost(slot, i, now),
      (slot) => services.isMoving(slot),
    );
    let proposed: unknown;
    try {
      proposed = this.source.propose(snapshot, now);
    } catch (e) {
      if (!this.source.user || e instanceof StrategyError) throw e;
      throw new StrategyError(
        `strategy "${this.engine.strategyName}" ${this.source.name}.rebalance threw ${(e as Error)?.message ?? String(e)} ` +
          `at t=${Number(now.toFixed(3))}s`,
      );
    }
    this.apply(proposed, snapshot, now);
    this.engine.push(now + this.every, REBALANCE_TICK, 0);
  }

  private apply(proposed: unknown, snapshot: TaskSnapshot, now: number): void {
    const dyn = this.engine.dyn;
    if (!Array.isArray(proposed)) {
      dyn.moveRejected("not a list of moves");
      return;
    }
    let made = 0;
    for (const move of proposed as unknown[]) {
      if (made >= this.maxMoves) {
        dyn.moveRejected("beyond maxMoves this round");
        continue;
      }
      const why = this.one(move, snapshot, now);
      if (why === "") {
        made++;
        dyn.moved();
      } else dyn.moveRejected(why);
    }
  }

  /** Makes one move: "" or why not. */
  private one(move: unknown, snapshot: TaskSnapshot, now: number): string {
    if (move === null || typeof move !== "object") return "not a move ({ task, to })";
    const { task, to } = move as { task?: unknown; to?: unknown };
    const slot = snapshot.slotOf(task);
    if (slot < 0) return "unknown task (not placed at the call)";
    const tasks = this.engine.tasks;
    const state = tasks.state(slot);
    // An earlier move of the round (stop first) may have stopped it, and its slot may hold a new task.
    if (tasks.serial(slot) !== task) return "task no longer placed";
    if (state !== TaskState.Running && state !== TaskState.Provisioning) return "task no longer placed";
    if (to !== undefined && to !== null && (typeof to !== "number" || !Number.isInteger(to) || to < 0))
      return "unknown instance";
    return this.services.move(slot, typeof to === "number" ? to : -1, now);
  }
}
