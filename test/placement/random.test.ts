import { describe, expect, it } from "vitest";
import { addInstances, boxType, clusterFor, simpleTask } from "../helpers/model.ts";
import { Rig } from "../helpers/placement.ts";

const BOX = boxType("box", 4096, 8192);
const N = 20_000;

/** |count - N p| within 5 binomial standard errors. */
function expectNear(count: number, p: number): void {
  expect(Math.abs(count - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)));
}

describe("random and random tie-breaks", () => {
  it("random picks each feasible instance with equal frequency", () => {
    const t = simpleTask("t", 256, 256);
    const big = simpleTask("big", 4096, 256);
    const { cluster, placement } = clusterFor([t, big]);
    addInstances(cluster, BOX, 5);
    const rig = new Rig(cluster, [{ type: "random" }]);
    rig.put(placement[1]!, 4, "filler"); // instance 4 is full: never picked
    const counts = [0, 0, 0, 0, 0];
    for (let k = 0; k < N; k++) counts[rig.choose(placement[0]!)]!++;
    expect(counts[4]).toBe(0);
    for (let i = 0; i < 4; i++) expectNear(counts[i]!, 1 / 4);
  });

  it("ties left by a ranking step are broken uniformly", () => {
    const t = simpleTask("t", 256, 1024);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 4);
    const rig = new Rig(cluster, [{ type: "binpack", field: "memory" }]);
    // Instances 0, 2 and 3 tie on free memory; instance 1 is roomier.
    for (const i of [0, 2, 3]) rig.put(placement[0]!, i, "filler");
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < N; k++) counts[rig.choose(placement[0]!)]!++;
    expect(counts[1]).toBe(0);
    for (const i of [0, 2, 3]) expectNear(counts[i]!, 1 / 3);
  });

  it("a single feasible instance is chosen without doubt", () => {
    const t = simpleTask("t", 4096, 256);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 3);
    const rig = new Rig(cluster, [{ type: "random" }]);
    rig.put(placement[0]!, 0, "x");
    rig.put(placement[0]!, 2, "x");
    for (let k = 0; k < 50; k++) expect(rig.choose(placement[0]!)).toBe(1);
  });

  it("is reproducible from the seed, and the seed matters", () => {
    const picks = (seed: number) => {
      const t = simpleTask("t", 1, 1);
      const { cluster, placement } = clusterFor([t]);
      addInstances(cluster, BOX, 8);
      const rig = new Rig(cluster, [{ type: "random" }], seed);
      return Array.from({ length: 50 }, () => rig.choose(placement[0]!));
    };
    expect(picks(1)).toEqual(picks(1));
    expect(picks(1)).not.toEqual(picks(2));
  });
});
