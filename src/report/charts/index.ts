/**
 * Every chart of the HTML report, in page order. A `Record<ChartId, ...>` so that adding an id without its
 * title, caption and builder is a compile error; html.ts and the tests iterate this table.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { headlineBarsChart } from "./headline-bars.ts";
import { instancesInUseChart } from "./instances-in-use.ts";
import { pendingChart } from "./pending.ts";
import { placementDelayChart } from "./placement-delay.ts";
import { strandedChart } from "./stranded.ts";
import { utilizationChart } from "./utilization.ts";

export type ChartId =
  | "headline"
  | "utilization"
  | "placementDelay"
  | "pending"
  | "instancesInUse"
  | "stranded";

export interface ChartEntry {
  title: string;
  /** Plain language: what the chart shows and how to read it. */
  caption: string;
  build: (results: Results) => TopLevelSpec;
}

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
};

export const CHART_IDS = Object.keys(CHARTS) as ChartId[];
