/** A trace workload source after compilation (src/scenario/phases/trace.ts): what a run needs to replay it. */
import type { ReasonCount } from "./reconciliation.ts";
import type { TraceOptions } from "./trace-stream.ts";

export interface CompiledTrace {
  /** Absolute path of the trace file. */
  path: string;
  /** The path as the scenario wrote it, for messages. */
  label: string;
  options: TraceOptions;
  /** Tasks never end (durations ignored). */
  hold: boolean;
  /** Shape index (into CompiledScenario.shapes) by shapeKey(row). */
  shapeIndex: Map<string, number>;
  /** Tasks per shape index over the horizon (before sample/replicate). */
  shapeCounts: Map<number, number>;
  /** sha256 of the bytes read. */
  hash: string;
  reconciliation: {
    rowsRead: number;
    tasks: number;
    skipped: Record<string, ReasonCount>;
    adjusted: Record<string, ReasonCount>;
  };
}
