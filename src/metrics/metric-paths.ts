/**
 * The dotted paths of every numeric figure of RunMetrics (e.g. "placementDelay.p95"), read off the metrics
 * of an empty run so the list can never drift from the recorder. failureReasons.<REASON> keys are open.
 */
import { Cluster } from "../model/cluster.ts";
import { Recorder } from "./recorder.ts";

let cached: string[] | undefined;

export function metricPaths(): string[] {
  cached ??= leaves(new Recorder(new Cluster([]), [], 0, 1, 1).metrics(), "");
  return cached;
}

export function isMetricPath(path: string): boolean {
  return metricPaths().includes(path) || /^failureReasons\.[^.]+$/.test(path);
}

function leaves(node: object, prefix: string): string[] {
  return Object.entries(node).flatMap(([k, v]) =>
    typeof v === "number" ? [prefix + k] : v && typeof v === "object" ? leaves(v, `${prefix}${k}.`) : [],
  );
}
