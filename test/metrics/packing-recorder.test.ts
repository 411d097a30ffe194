/** The packing heatmap's recorder and grid on hand-checked clusters (exact time-weighted shares). */
import { describe, expect, it } from "vitest";
import { packingGrid } from "../../src/metrics/packing-grid.ts";
import { PackingRecorder } from "../../src/metrics/packing-recorder.ts";
import { InstanceStatus } from "../../src/model/cluster.ts";
import { boxType, clusterFor, simpleTask } from "../helpers/model.ts";

const BOX = boxType("box", 1000, 2000);

/** A cluster with a recorder on a clock the test moves by hand. */
function setup(horizon: number, bins: number) {
  const half = simpleTask("half", 500, 1000);
  const quarter = simpleTask("quarter", 250, 1500);
  const { cluster, placement } = clusterFor([half, quarter]);
  const clock = { time: 0 };
  const recorder = new PackingRecorder(cluster, clock, horizon, bins);
  const add = (zone = "a") => cluster.addInstance(BOX, 0, zone, {}, clock.time);
  const grid = (maxRows = 40) => {
    recorder.finish();
    return packingGrid(
      3,
      recorder.instances(),
      {
        id: (i) => cluster.ids[i]!,
        zone: (i) => cluster.zones[cluster.zoneOf[i]!]!,
        groupIndex: () => 0,
        groupName: () => "g",
      },
      horizon,
      bins,
      maxRows,
    );
  };
  return { cluster, clock, add, grid, half: placement[0]!, quarter: placement[1]! };
}

describe("packing recorder", () => {
  it("one instance half reserved for half the horizon reads 25% in a 1-bin grid", () => {
    const { cluster, clock, add, grid, half } = setup(100, 1);
    const i = add();
    clock.time = 50;
    cluster.reserve(half, i);
    const g = grid();
    expect(g.rows).toHaveLength(1);
    expect(g.rows[0]!.cpu).toEqual([250]);
    expect(g.rows[0]!.memory).toEqual([250]);
    expect(g).toMatchObject({ seed: 3, bins: 1, binSeconds: 100, instances: 1, maxRows: 40 });
  });

  it("splits a reservation exactly across the bins it crosses, CPU and memory apart", () => {
    const { cluster, clock, add, grid, quarter } = setup(100, 4);
    const i = add();
    clock.time = 10;
    cluster.reserve(quarter, i); // CPU 25%, memory 75%
    clock.time = 60;
    cluster.release(quarter, i);
    // Bins of 25 s: [0,25) held it 15 s, [25,50) all 25 s, [50,75) 10 s, [75,100) not at all.
    expect(grid().rows[0]!.cpu).toEqual([150, 250, 100, 0]);
    expect(grid().rows[0]!.memory).toEqual([450, 750, 300, 0]);
  });

  it("shows an instance as absent (null) before its launch and after it is gone, not as 0%", () => {
    const { cluster, clock, add, grid, half } = setup(100, 4);
    add();
    clock.time = 30;
    const late = add();
    cluster.reserve(half, late);
    clock.time = 60;
    cluster.release(half, late);
    cluster.setStatus(late, InstanceStatus.Gone);
    const row = grid().rows[1]!;
    // Present 30..60: bin [25,50) has it 20 s at 50%; bin [50,75) 10 s at 50%; the mean is over presence.
    expect(row.cpu).toEqual([null, 500, 500, null]);
    expect(grid().rows[0]!.cpu).toEqual([0, 0, 0, 0]);
  });

  it("leaves Fargate capacity (Dedicated) and instances that never existed for a moment out", () => {
    const { cluster, add, grid } = setup(100, 2);
    add();
    const fargate = add();
    cluster.setStatus(fargate, InstanceStatus.Dedicated);
    const flash = add();
    cluster.setStatus(flash, InstanceStatus.Gone);
    const g = grid();
    expect(g.instances).toBe(1);
    expect(g.rows.map((r) => r.first)).toEqual([cluster.ids[0]]);
  });

  it("aggregates instances into at most maxRows rows, weighting by registered capacity and presence", () => {
    const { cluster, clock, add, grid, half } = setup(100, 2);
    const a = add();
    const b = add();
    cluster.reserve(half, a);
    clock.time = 50;
    // A third instance, launched at 50 and fully reserved from then on.
    const c = add();
    cluster.reserve(half, c);
    cluster.reserve(half, c);
    const g = grid(1);
    expect(g.rows).toHaveLength(1);
    const row = g.rows[0]!;
    expect(row).toMatchObject({
      first: cluster.ids[a],
      last: cluster.ids[c],
      count: 3,
      group: "g",
      zone: "a",
    });
    // Bin [0,50): a 50%, b 0% -> 25%. Bin [50,100): a 50%, b 0%, c 100% over equal presence -> 50%.
    expect(row.cpu).toEqual([250, 500]);
    expect(b).toBe(1);
  });
});
