/**
 * What one run's modules share, built once by simulate(): the scenario and strategy, the model state, the
 * placer, the recorders, the event queue and the log. Modules receive it (or the Engine, which holds it)
 * when they are built.
 */
import type { EventQueue } from "../core/event-queue.ts";
import type { DynamicsRecorder } from "../metrics/dynamics-recorder.ts";
import type { Recorder } from "../metrics/recorder.ts";
import type { Cluster, PlacementShape } from "../model/cluster.ts";
import type { TaskTable } from "../model/task-table.ts";
import type { Placer } from "../placement/placer.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { TaskGroups } from "../placement/task-groups.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import type { Dispatch } from "./dispatch.ts";
import type { EventLog } from "./event-log.ts";
import { PRIORITY } from "./events.ts";
import type { PendingQueue } from "./pending-queue.ts";
import type { ProviderMembers } from "./provider-members.ts";

export interface RunContext {
  readonly scenario: CompiledScenario;
  readonly strategy: StrategySpec;
  readonly seed: number;
  readonly cluster: Cluster;
  readonly groups: TaskGroups;
  /** The scenario's task shapes resolved against the cluster (by shape index). */
  readonly shapes: PlacementShape[];
  readonly placer: Placer;
  /** By service index: the placer of a service naming its own placementStrategy, else null (service-placers.ts). */
  readonly servicePlacers: readonly (Placer | null)[];
  readonly recorder: Recorder;
  readonly dyn: DynamicsRecorder;
  readonly tasks: TaskTable;
  readonly queue: EventQueue;
  readonly pending: PendingQueue;
  /** Instances of each capacity provider (kept by Fleets, read by restricted placement). */
  readonly providers: ProviderMembers;
  readonly log: EventLog | undefined;
  /** Event handlers by kind; each module registers its own when built. */
  readonly events: Dispatch;
}

/** Schedules an event of `kind` (events.ts) at `time`, unless that is past the horizon. */
export function schedule(run: RunContext, time: number, kind: number, arg: number): void {
  if (time <= run.scenario.horizon) run.queue.push(time, PRIORITY[kind]!, kind, arg);
}
