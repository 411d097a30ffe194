/**
 * Per-instance packing heatmap: one panel per strategy, a row per instance (or block of instances) and a
 * column per time bin, coloured by the reserved share of the binding resource (the larger of CPU and
 * memory) in that bin, time-weighted; the tooltip gives both. Cells where no instance of the row existed
 * are not drawn (blank), so an instance not yet launched or already gone never reads as 0%. The data is
 * results.json `strategies[].packing` (metrics/packing-grid.ts), recorded on one seed.
 *
 * The cells travel compactly (one record per row holding its two arrays); Vega-Lite flattens them and
 * numbers the bins in the browser, so a 10-strategy report stays within its size budget.
 */
import type { TopLevelSpec } from "vega-lite";
import type { PackingHeatmap, PackingRow } from "../../metrics/packing-grid.ts";
import type { Results, StrategyResult } from "../results.ts";
import { columnFormat } from "../units.ts";
import type { ChartEntry } from "./chart-entry.ts";
import { CHART_WIDTH, timeAxis } from "./shared.ts";

/** Pixels per row of a panel. */
const ROW_STEP = 9;

type WithPacking = StrategyResult & { packing: PackingHeatmap };

function recorded(results: Results): WithPacking[] {
  return results.strategies.filter((s): s is WithPacking => s.packing !== undefined);
}

/**
 * The axis label: "i-00001", or "i-00001 +7" for a block of 8; then its zone, and its group when the
 * panel has several. The tooltip's `instances` names the whole block: "i-00001..i-00008 (8 instances)".
 */
function rowLabels(row: PackingRow, groups: boolean): { row: string; instances: string } {
  const where = [row.zone ?? "mixed zones", ...(groups ? [row.group ?? "mixed groups"] : [])];
  const ids = row.count === 1 ? row.first : `${row.first} +${row.count - 1}`;
  const instances = row.count === 1 ? row.first : `${row.first}..${row.last} (${row.count} instances)`;
  return { row: [ids, ...where].join(" · "), instances: [instances, ...where].join(" · ") };
}

function panelTitle(s: WithPacking): string {
  const p = s.packing;
  const rows =
    p.rows.length === p.instances
      ? "one row each"
      : `${p.rows.length} row${p.rows.length === 1 ? "" : "s"} of consecutive instances`;
  return `${s.name}: seed ${p.seed}, ${p.instances} instance${p.instances === 1 ? "" : "s"} (${rows})`;
}

export function packingHeatmapChart(results: Results): TopLevelSpec {
  const { secondsPerUnit, title } = timeAxis(results);
  const strategies = recorded(results);
  const values = strategies.flatMap((s) => {
    const groups = new Set(s.packing.rows.map((r) => r.group)).size > 1;
    const panel = panelTitle(s);
    return s.packing.rows.map((row, r) => ({
      strategy: s.name,
      panel,
      r,
      ...rowLabels(row, groups),
      w: s.packing.binSeconds / secondsPerUnit,
      c: row.cpu,
      m: row.memory,
    }));
  });
  // The tooltip names each bin's interval in the unit that suits the bin width (6 min, not 0.1 h).
  const bin = strategies[0]?.packing.binSeconds ?? secondsPerUnit;
  const [unitSeconds, unit] = bin >= 3600 ? [3600, "h"] : bin >= 60 ? [60, "min"] : [1, "s"];
  const k = secondsPerUnit / unitSeconds;
  return {
    data: { values },
    transform: [
      { flatten: ["c", "m"], as: ["cpuPm", "memoryPm"] },
      // Flatten keeps the array order: the k-th record of a row is bin k.
      { window: [{ op: "row_number", as: "bin" }], groupby: ["panel", "r"] },
      { filter: "isValid(datum.cpuPm) || isValid(datum.memoryPm)" },
      { calculate: "(datum.bin - 1) * datum.w", as: "start" },
      { calculate: "datum.bin * datum.w", as: "end" },
      { calculate: "(isValid(datum.cpuPm) ? datum.cpuPm : 0) / 1000", as: "cpu" },
      { calculate: "(isValid(datum.memoryPm) ? datum.memoryPm : 0) / 1000", as: "memory" },
      { calculate: "max(datum.cpu, datum.memory)", as: "share" },
      {
        calculate: `format(datum.start * ${k}, '.4~f') + '-' + format(datum.end * ${k}, '.4~f') + ' ${unit}'`,
        as: "interval",
      },
    ],
    facet: {
      row: {
        field: "panel",
        type: "nominal",
        title: null,
        sort: strategies.map(panelTitle),
        header: { labelOrient: "top", labelAnchor: "start", labelFontWeight: "bold", labelLimit: 600 },
      },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: CHART_WIDTH - 220,
      height: { step: ROW_STEP },
      mark: { type: "rect", tooltip: true },
      encoding: {
        x: {
          field: "start",
          type: "quantitative",
          title,
          scale: { domain: [0, results.scenario.horizon / secondsPerUnit], nice: false },
        },
        x2: { field: "end" },
        y: {
          field: "row",
          type: "ordinal",
          title: null,
          sort: { field: "r", op: "min" },
          axis: { labelFontSize: 8, labelLimit: 250, ticks: false, domain: false },
        },
        color: {
          field: "share",
          type: "quantitative",
          title: "reserved share (max of CPU, memory)",
          scale: { domain: [0, 1], scheme: "blues" },
          legend: {
            format: ".0%",
            orient: "bottom",
            direction: "horizontal",
            gradientLength: 220,
            titleLimit: 400,
          },
        },
        tooltip: [
          { field: "strategy", title: "strategy" },
          { field: "instances", title: "instances" },
          { field: "interval", title: "time" },
          { field: "cpu", type: "quantitative", title: "CPU reserved", format: ".1%" },
          { field: "memory", type: "quantitative", title: "memory reserved", format: ".1%" },
        ],
      },
    },
  };
}

/** Why there is no heatmap to draw, or undefined. */
export function packingHeatmapEmpty(results: Results): string | undefined {
  const strategies = recorded(results);
  if (strategies.length === 0)
    return (
      "These results hold no packing heatmap: `berth run` records one on the run's first seed (or the " +
      "seed given with --heatmap-seed) unless it is given --heatmap-seed none."
    );
  const seed = strategies[0]!.packing.seed;
  if (strategies.every((s) => s.packing.instances === 0))
    return `No container instance existed in seed ${seed} (Fargate capacity is not shown).`;
  const reserved = (v: number | null) => v !== null && v > 0;
  if (strategies.every((s) => s.packing.rows.every((r) => !r.cpu.some(reserved) && !r.memory.some(reserved))))
    return `No task reserved CPU or memory on any instance in seed ${seed}.`;
  return undefined;
}

/** The seed and grid of the heatmap under the chart. */
export function packingHeatmapNote(results: Results): string | undefined {
  const strategies = recorded(results);
  const first = strategies[0]?.packing;
  if (!first) return undefined;
  const seeds = [...new Set(strategies.map((s) => s.packing.seed))];
  const missing = results.strategies.length - strategies.length;
  return (
    `Seed ${seeds.join(", ")}; ${first.bins} bins of ${columnFormat("seconds", [first.binSeconds])(first.binSeconds)}; at most ` +
    `${first.maxRows} rows per strategy.` +
    (missing > 0 ? ` ${missing} strateg${missing === 1 ? "y has" : "ies have"} no heatmap recorded.` : "")
  );
}

export const packingHeatmapEntry: ChartEntry = {
  title: "Packing per instance over time (one seed)",
  caption:
    "Each row is a container instance (Fargate capacity is not shown), ordered by instance group, zone and " +
    "launch order; each column a time bin of equal width over the whole run, warm-up included. The colour " +
    "is the reserved share of the instance's binding resource, the larger of its CPU and memory shares, " +
    "as a time-weighted mean over the part of the bin the instance existed (the tooltip gives both " +
    "shares). A blank cell means the instance did not exist then, which is not the same as 0%. Recorded on " +
    "one seed, the same for every strategy (named in each panel and below). When a strategy launched more " +
    "instances than the row limit, each (group, zone) section gets rows in proportion to its instances and " +
    "a row aggregates consecutive instances: reserved over registered capacity of those present.",
  build: packingHeatmapChart,
  empty: packingHeatmapEmpty,
  note: packingHeatmapNote,
};
