/**
 * `--heatmap-seed SEED|none` of `berth run`: which seed the packing heatmap is recorded on (the same seed
 * for every strategy, so the panels compare like with like). Default: the run's first seed. `none`
 * records no heatmap (the report then shows the chart's note instead).
 */
import { UsageError } from "./usage-error.ts";

export const HEATMAP_SEED_OPTION = {
  "heatmap-seed": {
    type: "string",
    value: "SEED",
    help:
      "record the per-instance packing heatmap on this seed of the run (default: the first\n" +
      "seed); none: record no heatmap (docs/report.md)",
  },
} as const;

/** The seed to record the heatmap on, or undefined for none; SEED must be one of the run's seeds. */
export function heatmapSeed(command: string, value: string | undefined, seeds: number[]): number | undefined {
  if (value === undefined) return seeds[0];
  if (value.trim() === "none") return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || !seeds.includes(n)) {
    const range =
      seeds.length === 0 ? "" : seeds.length === 1 ? ` (${seeds[0]})` : ` (${seeds[0]}..${seeds.at(-1)})`;
    throw new UsageError(
      `${command}: --heatmap-seed needs one of the run's seeds${range} or none (got "${value}")`,
    );
  }
  return n;
}
