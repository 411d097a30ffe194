/**
 * Which direction is better for each metric of RunMetrics (by dotted path), so a gate can say "no worse
 * than baseline" without naming a direction. undefined = no better direction (e.g. tasks submitted).
 */
import { serviceMetric } from "./metric-paths.ts";

const LOWER = "lower" as const;
const HIGHER = "higher" as const;
export type Better = typeof LOWER | typeof HIGHER;

const BY_PATH: Record<string, Better | undefined> = {
  "tasks.submitted": undefined,
  "tasks.placed": HIGHER,
  "tasks.completed": HIGHER,
  "tasks.runningAtEnd": undefined,
  "queue.meanRunning": undefined,
  "queue.meanPending": LOWER,
  // Dynamics: what happens to the cluster (losses, failures, interruptions) is better lower; what the
  // cluster does (launch, terminate, scale) has no better direction: fewer scale-outs can mean a slower one.
  "dynamics.tasksLost": LOWER,
  "dynamics.containerFailures": LOWER,
  "dynamics.nonEssentialContainerFailures": LOWER,
  "dynamics.startFailures": LOWER,
  "dynamics.instancesLost": LOWER,
  "dynamics.spotInterruptions": LOWER,
  "dynamics.instancesLaunched": undefined,
  "dynamics.instancesTerminated": undefined,
  "dynamics.scaleOutEvents": undefined,
  "dynamics.scaleInEvents": undefined,
};

const BY_SERVICE_FIELD: Record<string, Better> = {
  availability: HIGHER,
  secondsBelowDesired: LOWER,
  replacements: LOWER,
  deploymentStalled: LOWER,
};

const BY_GROUP: Record<string, Better> = {
  tasks: LOWER,
  failureReasons: LOWER,
  placementDelay: LOWER,
  utilization: HIGHER,
  instances: LOWER,
  instancesInUse: LOWER,
  fragmentation: LOWER,
  cost: LOWER,
};

export function betterDirection(path: string): Better | undefined {
  if (path in BY_PATH) return BY_PATH[path];
  const service = serviceMetric(path);
  if (service) return BY_SERVICE_FIELD[service.field];
  return BY_GROUP[path.split(".")[0]!];
}
