import { describe, expect, it } from "vitest";
import { Recorder } from "../../src/metrics/recorder.ts";
import { InstanceStatus } from "../../src/model/cluster.ts";
import { clusterOf, instanceType, shape } from "../support/cluster.ts";

describe("Recorder", () => {
  it("stops counting an instance's capacity and price once it is removed", () => {
    const box = instanceType(1024, 2048);
    const { cluster, shapes } = clusterOf([box, box], [shape(512, 512)]);
    const recorder = new Recorder(cluster, shapes, 0, 100, 10);
    recorder.instanceAdded(0, 3.6);
    recorder.instanceAdded(1, 3.6);
    cluster.reserve(shapes[0]!, 0);
    recorder.taskStarted(shapes[0]!, 0, 0, 0);
    recorder.advance(40);
    cluster.status[1] = InstanceStatus.Gone;
    recorder.instanceRemoved(1, 3.6);
    recorder.finish();
    const m = recorder.metrics();
    // Two instances for 40 s, one for 60 s; 512 cpu reserved throughout.
    expect(m.instances.mean).toBeCloseTo((2 * 40 + 60) / 100, 12);
    expect(m.cost.dollars).toBeCloseTo(0.001 * (2 * 40 + 60), 12);
    expect(m.utilization.cpu).toBeCloseTo((512 * 100) / (2048 * 40 + 1024 * 60), 12);
    expect(m.utilization.cpuInUse).toBe(0.5);
  });
});
