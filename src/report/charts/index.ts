/**
 * Every chart of the HTML report, in page order; html.ts and the tests iterate this table. A chart with
 * `applies` is shown only for results that carry its data (chartsFor); a chart with `empty` is replaced by
 * one line saying why when it has nothing to show (emptyReason). To add a chart, write its file (with its
 * builder, or a whole ChartEntry) and add one line to CHARTS below: ChartId follows from the record.
 */
import type { DynamicsSeries } from "../../metrics/dynamics-recorder.ts";
import type { Results } from "../results.ts";
import type { ChartEntry } from "./chart-entry.ts";
import { decisionTimeChart, decisionTimeEmpty } from "./decision-time.ts";
import { dynamicsCountsChart, dynamicsCountsEmpty } from "./dynamics-counts.ts";
import { dynamicsRuns, hasDynamics } from "./dynamics-data.ts";
import { headlineBarsChart, headlineBarsEmpty } from "./headline-bars.ts";
import { instancesByGroupChart } from "./instances-by-group.ts";
import { instancesInUseChart } from "./instances-in-use.ts";
import { packingHeatmapEntry } from "./packing-heatmap.ts";
import { pendingChart } from "./pending.ts";
import { neverPlacedNote, placementDelayChart, placementDelayEmpty } from "./placement-delay.ts";
import { REBALANCING_CHARTS } from "./rebalancing.ts";
import { reservationChart } from "./reservation.ts";
import { availabilityServices, serviceAvailabilityChart } from "./service-availability.ts";
import { servicesRunningChart } from "./services-running.ts";
import { seriesAllZero } from "./shared.ts";
import { strandedChart } from "./stranded.ts";
import { utilizationChart } from "./utilization.ts";

export type { ChartEntry } from "./chart-entry.ts";

/** Whether some run of some strategy has a non-empty keyed dynamics series of this kind. */
const anyKeyed = (results: Results, pick: (d: DynamicsSeries) => object) =>
  dynamicsRuns(results).some(({ runs }) => runs.some((d) => Object.keys(pick(d)).length > 0));

const CHART_TABLE = {
  headline: {
    title: "Key metrics compared",
    caption:
      "Each panel is one key metric whose mean differs between the strategies, chosen from these results: " +
      "those with a significant winner in the verdict first, at most five. The bar is the mean over " +
      "replications; the black whisker is its 95% confidence interval (absent with a single replication), " +
      "clipped to the range the metric can take (0 and up for counts, seconds and dollars; 0..100% for " +
      "shares). Overlapping whiskers mean the difference between two strategies may be noise.",
    build: headlineBarsChart,
    empty: headlineBarsEmpty,
  },
  utilization: {
    title: "Utilization over time",
    caption:
      "Share of the registered CPU (left) and memory (right) that running tasks have reserved, sampled over " +
      "the run and averaged over replications. Higher means the same instances carry more work.",
    build: utilizationChart,
    empty: (results) =>
      seriesAllZero(results, ["cpu", "memory"])
        ? "No task ran on the cluster's instances in any run, so no capacity was reserved."
        : undefined,
  },
  placementDelay: {
    title: "Placement delay distribution",
    caption:
      "How long tasks waited from submission until they were placed, pooled over all replications. Read " +
      "across: at percentile 95 the line gives the delay that 95% of placed tasks did not exceed. A line " +
      "that stays low and rises late is better; a flat line at zero means tasks were placed at once.",
    build: placementDelayChart,
    empty: placementDelayEmpty,
    note: neverPlacedNote,
  },
  pending: {
    title: "Pending tasks over time",
    caption:
      "Tasks submitted but not yet placed, averaged over replications. A line that keeps climbing means the " +
      "cluster cannot keep up with the workload under that strategy.",
    build: pendingChart,
    empty: (results) =>
      seriesAllZero(results, ["pending"])
        ? "No task was pending at any sample time in any run: every task was placed as it arrived."
        : undefined,
  },
  instancesInUse: {
    title: "Instances in use over time",
    caption:
      "Instances holding at least one task, averaged over replications. Packing strategies keep this lower, " +
      "leaving idle instances that could be scaled in; spreading strategies use more of them.",
    build: instancesInUseChart,
    empty: (results) =>
      seriesAllZero(results, ["instancesInUse"])
        ? "No instance held a task at any sample time in any run."
        : undefined,
  },
  stranded: {
    title: "Stranded capacity over time (fragmentation)",
    caption:
      "Free CPU (left) and memory (right) sitting on instances where none of the scenario's task shapes fits, " +
      "as a share of registered capacity, averaged over replications. It is capacity paid for but unusable; " +
      "lower is better.",
    build: strandedChart,
    empty: (results) =>
      seriesAllZero(results, ["strandedCpu", "strandedMemory"])
        ? "No capacity was stranded at any sample time in any run: all free CPU and memory could take a task."
        : undefined,
  },
  packingHeatmap: packingHeatmapEntry,
  instancesByGroup: {
    title: "Instances per instance group over time",
    caption:
      "Instances in each instance group (launching, active or draining), averaged over replications, one " +
      "panel per strategy; the capacity provider a group backs is named in brackets. The dashed grey line " +
      "counts instances still launching. Above each panel, up triangles mark scale-outs and, just under " +
      "them, down triangles scale-ins, of all replications, binned to at most 48 intervals over the run; " +
      "a larger triangle means more events in that interval (the tooltip gives the count).",
    build: instancesByGroupChart,
    applies: (results) => anyKeyed(results, (d) => d.instancesByGroup),
  },
  reservation: {
    title: "Capacity provider reservation over time",
    caption:
      "CapacityProviderReservation of each managed capacity provider: the instances its tasks need as a " +
      "percentage of those it has, averaged over replications. Managed scaling steers it toward the target " +
      "(dashed rule): above the rule it launches instances, below it the provider has spare instances to " +
      "scale in. A strategy that leaves more instances empty lets the line fall below target sooner.",
    build: reservationChart,
    applies: (results) => anyKeyed(results, (d) => d.reservation),
  },
  servicesRunning: {
    title: "Running tasks per service over time",
    caption:
      "RUNNING tasks of each service (its own scale), averaged over replications. Dips show tasks lost to " +
      "crashes, failed instances or outages; how fast the line recovers shows how quickly the service " +
      "replaced them under each strategy. A dotted vertical rule marks a deployment's start.",
    build: servicesRunningChart,
    applies: (results) => anyKeyed(results, (d) => d.servicesRunning),
  },
  dynamicsCounts: {
    title: "Failures and losses per replication",
    caption:
      "Tasks lost with their instance, essential-container failures, tasks that failed to start and " +
      "instances lost (failed, interrupted or in a zone outage), per replication. The bar is the mean over " +
      "replications; the whisker is its 95% confidence interval, clipped at 0.",
    build: dynamicsCountsChart,
    applies: hasDynamics,
    empty: dynamicsCountsEmpty,
  },
  serviceAvailability: {
    title: "Service availability",
    caption:
      "Share of the measured time each service had at least its desired count of tasks RUNNING, per " +
      "strategy. The bar and the printed figure are the mean over replications; the whisker is its 95% " +
      "confidence interval, clipped to 0..100%.",
    build: serviceAvailabilityChart,
    applies: (results) => availabilityServices(results).length > 0,
  },
  decisionTime: {
    title: "Placement decision time (wall-clock)",
    caption:
      "How long each strategy took to choose an instance for an arriving task, in wall-clock microseconds " +
      "on the machine that ran the simulation: per replication, the median (p50) and the 99th percentile " +
      "of every 8th decision, on a log scale. Unlike every other figure of the report these depend on the " +
      "machine and its load, so compare strategies within one report, not across machines.",
    build: decisionTimeChart,
    empty: decisionTimeEmpty,
  },
  ...REBALANCING_CHARTS,
} satisfies Record<string, ChartEntry>;

export type ChartId = keyof typeof CHART_TABLE;

export const CHARTS: Record<ChartId, ChartEntry> = CHART_TABLE;

export const CHART_IDS = Object.keys(CHARTS) as ChartId[];

/** The charts whose data these results hold, in page order. */
export function chartsFor(results: Results): ChartId[] {
  return CHART_IDS.filter((id) => CHARTS[id].applies?.(results) ?? true);
}

/** Why a chart shown for these results has nothing to draw, or undefined when it has. */
export function emptyReason(results: Results, id: ChartId): string | undefined {
  return CHARTS[id].empty?.(results);
}
