/**
 * The metric catalog: for every figure of a run's metrics (by dotted path, as gates and results.json spell
 * it), its label, unit, default format and better direction. The headline and paired tables, the HTML
 * highlights, the charts and the gates all read it, so "which way is better" is stated once.
 *
 * Paths come from metric-paths.ts (read off the recorders, so they cannot drift); this file adds what a
 * person needs. Open families: failureReasons.<REASON> and dynamics.services.<SERVICE>.<FIELD>.
 * undefined better = no better direction (tasks submitted; what the cluster does, such as instances
 * launched: fewer scale-outs can mean a slower one).
 */
import { formatSeconds } from "../core/duration.ts";
import { isMetricPath, serviceMetric } from "./metric-paths.ts";

export type Better = "lower" | "higher";

/** What a figure counts; a report chooses decimals and suffixes by unit. */
export type Unit = "count" | "fraction" | "seconds" | "dollars" | "ratio";

export interface MetricInfo {
  /** Dotted path, e.g. "placementDelay.p95". */
  readonly path: string;
  /** Short label for table headers ("delay p95"). */
  readonly label: string;
  /** Longer title for charts and prose ("placement delay p95"). */
  readonly title: string;
  readonly unit: Unit;
  readonly better: Better | undefined;
  /** One value on its own (a table column of many values picks decimals by unit: report/units.ts). */
  readonly format: (v: number) => string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3))));

const FORMAT: Record<Unit, (v: number) => string> = {
  count: num,
  fraction: pct,
  seconds: formatSeconds,
  dollars: (v) => v.toFixed(2),
  ratio: (v) => v.toFixed(3),
};

/** [path, label, title, unit, better] of every fixed path (test/metrics/catalog.test.ts checks coverage). */
type Row = [path: string, label: string, title: string, unit: Unit, better: Better | undefined];
const L = "lower";
const H = "higher";

const ROWS: Row[] = [
  ["tasks.submitted", "submitted", "tasks submitted", "count", undefined],
  ["tasks.placed", "placed", "tasks placed", "count", H],
  ["tasks.failedPlacement", "failed", "failed placements", "count", L],
  ["tasks.cancelled", "cancelled", "tasks cancelled", "count", L],
  ["tasks.pendingAtEnd", "pending at end", "tasks pending at the end", "count", L],
  ["tasks.runningAtEnd", "running at end", "tasks running at the end", "count", undefined],
  ["tasks.completed", "completed", "tasks completed", "count", H],
  ["tasks.stoppedByFailure", "stopped by failure", "tasks stopped by a failure", "count", L],
  ["tasks.lost", "lost", "tasks lost", "count", L],
  ["placementDelay.mean", "delay mean", "mean placement delay", "seconds", L],
  ["placementDelay.p50", "delay p50", "placement delay p50", "seconds", L],
  ["placementDelay.p95", "delay p95", "placement delay p95", "seconds", L],
  ["placementDelay.p99", "delay p99", "placement delay p99", "seconds", L],
  ["placementDelay.max", "delay max", "longest placement delay", "seconds", L],
  ["utilization.cpu", "cpu util", "cpu utilization", "fraction", H],
  ["utilization.memory", "mem util", "memory utilization", "fraction", H],
  ["utilization.gpu", "gpu util", "gpu utilization", "fraction", H],
  ["utilization.eni", "eni util", "ENI utilization", "fraction", H],
  ["utilization.cpuInUse", "cpu util (in use)", "cpu utilization of instances in use", "fraction", H],
  ["utilization.memoryInUse", "mem util (in use)", "memory utilization of instances in use", "fraction", H],
  ["utilization.gpuInUse", "gpu util (in use)", "gpu utilization of instances in use", "fraction", H],
  ["utilization.eniInUse", "eni util (in use)", "ENI utilization of instances in use", "fraction", H],
  ["instances.mean", "instances", "instances (mean)", "count", L],
  ["instances.peak", "instances peak", "instances (peak)", "count", L],
  ["instancesInUse.mean", "instances in use", "instances in use (mean)", "count", L],
  ["instancesInUse.peak", "in use peak", "instances in use (peak)", "count", L],
  ["queue.meanPending", "mean pending", "mean pending tasks", "count", L],
  ["queue.meanRunning", "mean running", "mean running tasks", "count", undefined],
  ["fragmentation.strandedCpu", "stranded cpu", "stranded cpu", "fraction", L],
  ["fragmentation.strandedMemory", "stranded mem", "stranded memory", "fraction", L],
  ["fragmentation.strandedGpu", "stranded gpu", "stranded gpu", "fraction", L],
  ["fragmentation.strandedEni", "stranded eni", "stranded ENIs", "fraction", L],
  ["fragmentation.pendingTaskSeconds", "pending task-s", "pending task-seconds", "seconds", L],
  [
    "fragmentation.inducedPendingTaskSeconds",
    "induced pending task-s",
    "pending task-seconds fragmentation caused",
    "seconds",
    L,
  ],
  [
    "fragmentation.inducedPendingShare",
    "induced pending share",
    "share of pending time fragmentation caused",
    "fraction",
    L,
  ],
  [
    "fragmentation.packingEfficiency",
    "packing (in use / LB)",
    "instances in use over the lower bound",
    "ratio",
    L,
  ],
  ["cost.instanceHours", "instance-hours", "instance-hours", "count", L],
  ["cost.dollars", "cost", "cost (dollars)", "dollars", L],
  ["dynamics.tasksLost", "tasks lost", "tasks lost", "count", L],
  ["dynamics.containerFailures", "container failures", "container failures", "count", L],
  [
    "dynamics.nonEssentialContainerFailures",
    "non-essential failures",
    "non-essential container failures",
    "count",
    L,
  ],
  ["dynamics.startFailures", "start failures", "start failures", "count", L],
  ["dynamics.instancesLost", "instances lost", "instances lost", "count", L],
  ["dynamics.spotInterruptions", "spot interruptions", "spot interruptions", "count", L],
  ["dynamics.instancesLaunched", "launched", "instances launched", "count", undefined],
  ["dynamics.instancesTerminated", "terminated", "instances terminated", "count", undefined],
  ["dynamics.scaleOutEvents", "scale-outs", "scale-out events", "count", undefined],
  ["dynamics.scaleInEvents", "scale-ins", "scale-in events", "count", undefined],
  ["dynamics.instancesVacated", "vacated", "instances vacated by rebalancing", "count", undefined],
  ["dynamics.tasksMoved", "moves", "tasks moved by rebalancing", "count", L],
  ["dynamics.movesRejected", "moves rejected", "task moves rejected", "count", L],
  [
    "dynamics.rebalanceRecommendations",
    "rebalance recs",
    "EC2 rebalance recommendations",
    "count",
    undefined,
  ],
  [
    "dynamics.capacityRebalances",
    "capacity rebalances",
    "instances replaced by Capacity Rebalancing",
    "count",
    undefined,
  ],
];

/** Per-service figures (dynamics.services.<SERVICE>.<FIELD>). */
const SERVICE_ROWS: Record<string, [label: string, unit: Unit, better: Better]> = {
  availability: ["availability", "fraction", H],
  secondsBelowDesired: ["time below desired", "seconds", L],
  replacements: ["replacements", "count", L],
  deploymentStalled: ["deployment stalled", "count", L],
  zoneImbalance: ["zone imbalance (tasks)", "ratio", L],
  rebalanceMoves: ["rebalance moves", "count", L],
  taskSecondsBelowDesired: ["task-seconds below desired", "seconds", L],
  daemonUnplaced: ["daemon tasks unplaced", "count", L],
};

const info = (path: string, label: string, title: string, unit: Unit, better: Better | undefined) => ({
  path,
  label,
  title,
  unit,
  better,
  format: FORMAT[unit],
});

const BY_PATH = new Map<string, MetricInfo>(ROWS.map((r) => [r[0], info(...r)]));

/** Every fixed path's entry, in results.json order. */
export const METRICS: readonly MetricInfo[] = [...BY_PATH.values()];

/**
 * The entry of any metric path gates accept, or undefined for an unknown path. Stranded capacity by cause
 * (fragmentation.strandedByCause.CAUSE.FIELD) and failureReasons.<REASON> are derived here.
 */
export function metricInfo(path: string): MetricInfo | undefined {
  const fixed = BY_PATH.get(path);
  if (fixed) return fixed;
  if (!isMetricPath(path)) return undefined;
  const service = serviceMetric(path);
  if (service) {
    const [label, unit, better] = SERVICE_ROWS[service.field]!;
    return info(path, `${service.service} ${label}`, `${service.service} ${label}`, unit, better);
  }
  const parts = path.split(".");
  if (parts[0] === "failureReasons") {
    const reason = parts.slice(1).join(".");
    return info(path, reason, `tasks failed or waiting: ${reason}`, "count", L);
  }
  if (path.startsWith("fragmentation.strandedByCause.")) {
    const [, , cause, field] = parts;
    const unit: Unit = field === "instances" ? "count" : "fraction";
    const what = field === "instances" ? "instances" : field;
    return info(path, `stranded ${what} (${cause})`, `${what} stranded by ${cause}`, unit, L);
  }
  return undefined;
}

/** Which way is better for a metric path; undefined when neither is (or the path is unknown). */
export function betterDirection(path: string): Better | undefined {
  return metricInfo(path)?.better;
}
