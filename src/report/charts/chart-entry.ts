/**
 * What the report needs to show one chart: its title and caption, the spec builder, and two questions
 * about the results. `applies` is false when the scenario has no such data at all (no services, no
 * scaling): the chart is left out. `empty` gives the one line shown instead of a chart whose data is
 * there but has nothing to show (no task ever waited, no key metric differs), so no chart is drawn as a
 * flat line on a 0.000000 axis. A chart file may export its whole entry; index.ts registers it.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";

export interface ChartEntry {
  title: string;
  /** Plain language: what the chart shows and how to read it. */
  caption: string;
  build: (results: Results) => TopLevelSpec;
  /** Whether the results hold this chart's data; absent means always. */
  applies?: (results: Results) => boolean;
  /** Why the chart has nothing to show in these results (one sentence), or undefined when it has. */
  empty?: (results: Results) => string | undefined;
  /** A data-dependent line shown under the chart (e.g. the share of tasks never placed). */
  note?: (results: Results) => string | undefined;
}
