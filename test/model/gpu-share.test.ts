import { describe, expect, it } from "vitest";
import { Cluster, Misfit, type PlacementShape } from "../../src/model/cluster.ts";
import type { InstanceType } from "../../src/model/instance-types.ts";

const type = { name: "g2", cpu: 8192, memory: 32768, gpu: 2, enis: 3 } as InstanceType;

function shape(gpu: number, gpuMilli: number, index = 0): PlacementShape {
  return {
    family: "p",
    networkMode: "bridge",
    cpu: 1,
    memory: 1,
    gpu,
    ...(gpuMilli > 0 ? { gpuMilli } : {}),
    eni: 0,
    dynamicPorts: 0,
    staticPorts: [],
    containers: [{ name: "p", essential: true }],
    index,
    staticPortIds: new Int32Array(0),
  };
}

describe("GPU sharing (gpuMilli)", () => {
  it("packs shares best-fit on GPUs in shared use and opens a whole GPU only when none holds the share", () => {
    const c = new Cluster([]);
    const i = c.addInstance(type, 0, "z", {}, 0);
    const s600 = shape(0, 600);
    const s300 = shape(0, 300);
    const s500 = shape(0, 500);
    expect(c.reserve(s600, i)).toBe(0); // opens GPU slot 0: 400 left
    expect(c.freeGpu[i]).toBe(1);
    expect(c.reserve(s300, i)).toBe(0); // fits in slot 0: 100 left
    expect(c.reserve(s500, i)).toBe(1); // slot 0 cannot: opens the second GPU
    expect(c.freeGpu[i]).toBe(0);
    // No whole GPU is left, and no slot has 600 free.
    expect(c.misfit(s600, i)).toBe(Misfit.Gpu);
    expect(c.misfit(shape(1, 0), i)).toBe(Misfit.Gpu);
    expect(c.misfit(shape(0, 100), i)).toBe(Misfit.None);
    c.release(s500, i, 1);
    expect(c.freeGpu[i]).toBe(1); // slot 1 whole again
    expect(c.misfit(shape(1, 0), i)).toBe(Misfit.None);
    c.release(s300, i, 0);
    c.release(s600, i, 0);
    expect(c.freeGpu[i]).toBe(2);
    expect([...c.gpuShareFree.subarray(0, 2)]).toEqual([1000, 1000]);
  });

  it("whole-GPU tasks and shares never mix on one GPU", () => {
    const c = new Cluster([]);
    const i = c.addInstance(type, 0, "z", {}, 0);
    expect(c.reserve(shape(1, 0), i)).toBe(-1);
    expect(c.reserve(shape(0, 250), i)).toBeGreaterThanOrEqual(0);
    expect(c.freeGpu[i]).toBe(0);
    // The whole GPU is not shareable: only the 750 left on the shared one.
    expect(c.misfit(shape(0, 800), i)).toBe(Misfit.Gpu);
    expect(c.misfit(shape(0, 750), i)).toBe(Misfit.None);
    c.reserve(shape(0, 750), i);
    expect(c.misfit(shape(0, 1), i)).toBe(Misfit.Gpu);
  });
});
