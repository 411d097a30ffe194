import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/problems.ts";
import { loadSweepText } from "../../src/sweep/load-sweep.ts";
import { SWEEP_FILE, tinyPlan } from "./helpers.ts";

function problems(text: string): string[] {
  try {
    loadSweepText("s.yaml", text);
  } catch (e) {
    if (e instanceof InputError) return e.message.split("\n");
    throw e;
  }
  throw new Error("expected problems");
}

describe("loadSweepFile", () => {
  it("crosses grid axes with zip axes, the last axis fastest, paths moving together within a zip", () => {
    const { sweep } = tinyPlan();
    expect(sweep.parameters).toEqual([
      "loadFactor",
      "cluster.instances[0].count",
      "cluster.instances[0].type",
    ]);
    expect(sweep.cells.map((c) => c.values)).toEqual([
      [0.5, 3, "m5.large"],
      [0.5, 5, "c5.xlarge"],
      [1, 3, "m5.large"],
      [1, 5, "c5.xlarge"],
    ]);
    // `set` first, then the cell's own values.
    expect(sweep.cells[3]!.overrides.map((o) => o.path.join("/"))).toEqual([
      "horizon",
      "loadFactor",
      "cluster/instances/0/count",
      "cluster/instances/0/type",
    ]);
    expect(sweep.cells[3]!.overrides[1]!.origin).toBe(`${SWEEP_FILE}:6:21 grid.loadFactor[1]`);
  });

  it("plans (cell, seed) units sorted by a stable key", () => {
    const a = tinyPlan().plan;
    const b = tinyPlan().plan;
    expect(a.units).toHaveLength(4 * 3);
    expect(a.units.map((u) => u.key)).toEqual([...a.units.map((u) => u.key)].sort());
    expect(a.units).toEqual(b.units);
    expect(a.hash).toBe(b.hash);
    expect(new Set(a.units.map((u) => u.key)).size).toBe(12);
    expect(a.cells.map((c) => c.seeds)).toEqual([
      [11, 12, 13],
      [11, 12, 13],
      [11, 12, 13],
      [11, 12, 13],
    ]);
  });

  it("points at the sweep file for a bad path, a zip of unequal lists, an unknown field", () => {
    const base = "name: s\nscenario: x.yaml\n";
    expect(problems(`${base}grid:\n  cluster.instancez: [1, 2]\n`)).toEqual([
      's.yaml:4:3 grid.cluster.instancez: cluster has no field "instancez" (fields: awsvpcTrunking, startTime, instanceTypes, instances)',
    ]);
    expect(problems(`${base}zip:\n  - { loadFactor: [1, 2], horizon: [1h] }\n`)).toEqual([
      "s.yaml:4:27 zip[0].horizon: has 1 values; every list of zip[0] needs 2 (they pair up)",
    ]);
    expect(problems(`${base}gird: {}\n`)).toEqual([`s.yaml:3:1 gird: unknown field "gird"`]);
  });
});
