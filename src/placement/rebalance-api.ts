/**
 * What a strategy's `rebalance(view, now)` hook sees and returns (docs/dynamics.md, "Task moves").
 *
 * The hook runs every `every` seconds of simulated time. It reads the cluster through the same read-only
 * ClusterView placement uses, plus the placed tasks, and returns task moves: "start a copy of this service
 * task on instance `to` (or wherever the strategy places it), then stop the old one". The simulator checks
 * every move; a move it cannot make is counted (by reason) and skipped, never a crash.
 */
import type { ClusterView } from "./cluster-view.ts";

/** A placed task as the rebalance hook sees it (a snapshot taken for this call: do not keep it). */
export interface PlacedTask {
  /** Task id (t-000001 is id 0): what a move names. */
  readonly id: number;
  /** The service it belongs to, or null for a standalone task (which cannot be moved). */
  readonly service: string | null;
  /** Whether it is a DAEMON service task (which cannot be moved either). */
  readonly daemon: boolean;
  readonly family: string;
  readonly cpu: number;
  readonly memory: number;
  readonly gpu: number;
  /** The instance it is placed on, and that instance's Availability Zone. */
  readonly instance: number;
  readonly zone: string;
  readonly state: "PROVISIONING" | "RUNNING";
  /** Simulated seconds at which it was placed. */
  readonly placedAt: number;
  /** A move of it is under way: it stops once its replacement is RUNNING (moving it again is refused). */
  readonly moving: boolean;
}

/** One move: a task (by id) and where its replacement should go (an instance; absent: the strategy places it). */
export interface TaskMove {
  readonly task: number;
  readonly to?: number;
}

export interface RebalanceView {
  /** The read-only cluster (free and registered resources, zones, attributes, task-group counts). */
  readonly cluster: ClusterView;
  /** Every placed task, ordered by instance then id. */
  readonly tasks: readonly PlacedTask[];
  /** The placed tasks on instance i. */
  tasksOn(i: number): readonly PlacedTask[];
  /** The placed tasks of a service (by name). */
  serviceTasks(service: string): readonly PlacedTask[];
  /** Whether a replacement of the task could be placed on instance i now (resources, ports, constraints, provider). */
  canMoveTo(task: PlacedTask, i: number): boolean;
}

export type RebalanceHook = (view: RebalanceView, now: number) => readonly TaskMove[];
