/**
 * The packing heatmap of a run, when RunOptions.packing asks for it: builds the recorder (a listener on
 * the cluster's changes, metrics/packing-recorder.ts) and, at the end, the bounded grid with instance ids,
 * zones and groups (metrics/packing-grid.ts). simulate() calls these two functions and nothing else; a run
 * that does not ask builds nothing and pays nothing.
 */
import { PACKING_BINS, PACKING_ROWS, type PackingHeatmap, packingGrid } from "../metrics/packing-grid.ts";
import { PackingRecorder, type SimulatedClock } from "../metrics/packing-recorder.ts";
import type { Cluster } from "../model/cluster.ts";
import type { Fleets } from "./instance-lifecycle.ts";

/** RunOptions.packing: true for the default grid, or its bounds. */
export type PackingOption = boolean | { bins?: number; maxRows?: number };

export function packingRecorder(
  option: PackingOption | undefined,
  cluster: Cluster,
  clock: SimulatedClock,
  horizon: number,
): PackingRecorder | undefined {
  if (!option) return undefined;
  const bins = (typeof option === "object" ? option.bins : undefined) ?? PACKING_BINS;
  return new PackingRecorder(cluster, clock, horizon, bins);
}

/** The run's heatmap, closed at the horizon (call after the event loop). */
export function packingResult(
  heat: PackingRecorder,
  option: PackingOption | undefined,
  seed: number,
  cluster: Cluster,
  fleets: Fleets,
  groupNames: readonly string[],
): PackingHeatmap {
  heat.finish();
  const maxRows = (typeof option === "object" ? option.maxRows : undefined) ?? PACKING_ROWS;
  return packingGrid(
    seed,
    heat.instances(),
    {
      id: (i) => cluster.ids[i]!,
      zone: (i) => cluster.zones[cluster.zoneOf[i]!]!,
      groupIndex: (i) => fleets.groupOf(i),
      groupName: (i) => groupNames[fleets.groupOf(i)] ?? "",
    },
    heat.horizon,
    heat.bins,
    maxRows,
  );
}
