/**
 * Every chart of the HTML report, in page order. A `Record<ChartId, ...>` so that adding an id without its
 * title, caption and builder is a compile error; html.ts and the tests iterate this table. A chart with
 * `applies` is shown only for results that carry its data (chartsFor).
 */
import type { TopLevelSpec } from "vega-lite";
import type { DynamicsSeries } from "../../metrics/dynamics-recorder.ts";
import type { Results } from "../results.ts";
import { dynamicsCountsChart } from "./dynamics-counts.ts";
import { dynamicsRuns, hasDynamics } from "./dynamics-data.ts";
import { headlineBarsChart } from "./headline-bars.ts";
import { instancesByGroupChart } from "./instances-by-group.ts";
import { instancesInUseChart } from "./instances-in-use.ts";
import { pendingChart } from "./pending.ts";
import { placementDelayChart } from "./placement-delay.ts";
import { REBALANCING_CHARTS, type RebalancingChartId } from "./rebalancing.ts";
import { reservationChart } from "./reservation.ts";
import { availabilityServices, serviceAvailabilityChart } from "./service-availability.ts";
import { servicesRunningChart } from "./services-running.ts";
import { strandedChart } from "./stranded.ts";
import { utilizationChart } from "./utilization.ts";

export type ChartId =
  | "headline"
  | "utilization"
  | "placementDelay"
  | "pending"
  | "instancesInUse"
  | "stranded"
  | "instancesByGroup"
  | "reservation"
  | "servicesRunning"
  | "dynamicsCounts"
  | "serviceAvailability"
  | RebalancingChartId;

export interface ChartEntry {
  title: string;
  /** Plain language: what the chart shows and how to read it. */
  caption: string;
  build: (results: Results) => TopLevelSpec;
  /** Whether the results hold this chart's data; absent means always. */
  applies?: (results: Results) => boolean;
}

/** Whether some run of some strategy has a non-empty keyed dynamics series of this kind. */
const anyKeyed = (results: Results, pick: (d: DynamicsSeries) => object) =>
  dynamicsRuns(results).some(({ runs }) => runs.some((d) => Object.keys(pick(d)).length > 0));

export const CHARTS: Record<ChartId, ChartEntry> = {
  headline: {
    title: "Key metrics compared",
    caption:
      "Each panel is one metric on its own scale. The bar is the mean over replications; the black whisker " +
      "is its 95% confidence interval (absent with a single replication). Overlapping whiskers mean the " +
      "difference between two strategies may be noise.",
    build: headlineBarsChart,
  },
  utilization: {
    title: "Utilization over time",
    caption:
      "Share of the registered CPU (left) and memory (right) that running tasks have reserved, sampled over " +
      "the run and averaged over replications. Higher means the same instances carry more work.",
    build: utilizationChart,
  },
  placementDelay: {
    title: "Placement delay distribution",
    caption:
      "How long tasks waited from submission until they were placed, pooled over all replications. Read " +
      "across: at percentile 95 the line gives the delay that 95% of placed tasks did not exceed. A line " +
      "that stays low and rises late is better; a flat line at zero means tasks were placed at once.",
    build: placementDelayChart,
  },
  pending: {
    title: "Pending tasks over time",
    caption:
      "Tasks submitted but not yet placed, averaged over replications. A line that keeps climbing means the " +
      "cluster cannot keep up with the workload under that strategy.",
    build: pendingChart,
  },
  instancesInUse: {
    title: "Instances in use over time",
    caption:
      "Instances holding at least one task, averaged over replications. Packing strategies keep this lower, " +
      "leaving idle instances that could be scaled in; spreading strategies use more of them.",
    build: instancesInUseChart,
  },
  stranded: {
    title: "Stranded capacity over time (fragmentation)",
    caption:
      "Free CPU (left) and memory (right) sitting on instances where none of the scenario's task shapes fits, " +
      "as a share of registered capacity, averaged over replications. It is capacity paid for but unusable; " +
      "lower is better.",
    build: strandedChart,
  },
  instancesByGroup: {
    title: "Instances per instance group over time",
    caption:
      "Instances in each instance group (launching, active or draining), averaged over replications, one " +
      "panel per strategy; the capacity provider a group backs is named in brackets. The dashed grey line " +
      "counts instances still launching. Triangles just above each panel mark scale-out (up) and scale-in (down) " +
      "events of any replication within each sample interval.",
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
  ...REBALANCING_CHARTS,
};

export const CHART_IDS = Object.keys(CHARTS) as ChartId[];

/** The charts whose data these results hold, in page order. */
export function chartsFor(results: Results): ChartId[] {
  return CHART_IDS.filter((id) => CHARTS[id].applies?.(results) ?? true);
}
