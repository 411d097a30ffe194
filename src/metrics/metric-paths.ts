/**
 * The dotted paths of every numeric figure of RunMetrics (e.g. "placementDelay.p95"), read off the metrics
 * of an empty run so the list can never drift from the recorder. Open keys: failureReasons.<REASON> and
 * dynamics.services.<SERVICE>.<FIELD> (a service name may contain dots; the field is the last segment).
 */
import { Cluster } from "../model/cluster.ts";
import { DynamicsRecorder, type ServiceAvailability } from "./dynamics-recorder.ts";
import { Recorder } from "./recorder.ts";

/** The per-service figures; `satisfies` makes a field added to ServiceAvailability a compile error here. */
const SERVICE_FIELDS = Object.keys({
  availability: 0,
  secondsBelowDesired: 0,
  replacements: 0,
  deploymentStalled: 0,
  zoneImbalance: 0,
  rebalanceMoves: 0,
  taskSecondsBelowDesired: 0,
  daemonUnplaced: 0,
} satisfies Record<keyof ServiceAvailability, number>);

let cached: string[] | undefined;

/** Fixed paths, including the dynamics counts (present in results when the scenario uses dynamics). */
export function metricPaths(): string[] {
  cached ??= [
    ...leaves(new Recorder(new Cluster([]), [], 0, 1, 1).metrics(), ""),
    ...leaves(new DynamicsRecorder([], [], [], [], [], 1, 1).metrics({}), "dynamics."),
  ];
  return cached;
}

/** Paths as listed for people: the fixed ones plus the per-service pattern. */
export function metricPathPatterns(): string[] {
  return [...metricPaths(), ...SERVICE_FIELDS.map((f) => `dynamics.services.<service>.${f}`)];
}

export function isMetricPath(path: string): boolean {
  return (
    metricPaths().includes(path) || /^failureReasons\.[^.]+$/.test(path) || serviceMetric(path) !== undefined
  );
}

/** The service and field of a dynamics.services.<SERVICE>.<FIELD> path, or undefined. */
export function serviceMetric(path: string): { service: string; field: string } | undefined {
  const prefix = "dynamics.services.";
  if (!path.startsWith(prefix)) return undefined;
  const dot = path.lastIndexOf(".");
  const service = path.slice(prefix.length, dot);
  const field = path.slice(dot + 1);
  return service.length > 0 && dot > prefix.length && SERVICE_FIELDS.includes(field)
    ? { service, field }
    : undefined;
}

function leaves(node: object, prefix: string): string[] {
  return Object.entries(node).flatMap(([k, v]) =>
    typeof v === "number" ? [prefix + k] : v && typeof v === "object" ? leaves(v, `${prefix}${k}.`) : [],
  );
}
