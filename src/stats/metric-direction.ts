/**
 * Which direction is better for each metric of RunMetrics (by dotted path), so a gate can say "no worse
 * than baseline" without naming a direction. undefined = no better direction (e.g. tasks submitted).
 */
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
  return BY_GROUP[path.split(".")[0]!];
}
