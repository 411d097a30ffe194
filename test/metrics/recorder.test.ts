import { describe, expect, it } from "vitest";
import { Recorder } from "../../src/metrics/recorder.ts";
import { InstanceStatus } from "../../src/model/cluster.ts";
import { clusterOf, instanceType, shape } from "../helpers/cluster.ts";

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
    cluster.setStatus(1, InstanceStatus.Gone);
    recorder.instanceRemoved(1, 3.6);
    recorder.finish();
    const m = recorder.metrics();
    // Two instances for 40 s, one for 60 s; 512 cpu reserved throughout.
    expect(m.instances.mean).toBeCloseTo((2 * 40 + 60) / 100, 12);
    expect(m.cost.dollars).toBeCloseTo(0.001 * (2 * 40 + 60), 12);
    expect(m.utilization.cpu).toBeCloseTo((512 * 100) / (2048 * 40 + 1024 * 60), 12);
    expect(m.utilization.cpuInUse).toBe(0.5);
  });

  it("keeps outcome counts conserved through failures and cancellations", () => {
    const box = instanceType(1024, 2048);
    const { cluster, shapes } = clusterOf([box], [shape(1024, 512)]);
    const a = shapes[0]!;
    const recorder = new Recorder(cluster, shapes, 0, 100, 10);
    recorder.instanceAdded(0, 0);
    for (let k = 0; k < 4; k++) recorder.submitted++;
    cluster.reserve(a, 0);
    recorder.taskStarted(a, 0, 0, 0);
    recorder.taskQueued(a);
    recorder.taskQueued(a);
    recorder.taskQueued(a);
    recorder.advance(10);
    cluster.release(a, 0);
    recorder.taskStopped(a, 0, false); // its instance failed
    recorder.taskDequeued(a);
    cluster.reserve(a, 0);
    recorder.taskStarted(a, 0, 10, 0);
    recorder.taskCancelled(a);
    recorder.finish();
    const t = recorder.metrics().tasks;
    expect(t).toMatchObject({ submitted: 4, placed: 2, cancelled: 1, pendingAtEnd: 1, stoppedByFailure: 1 });
    expect(t.submitted).toBe(t.placed + t.failedPlacement + t.cancelled + t.pendingAtEnd);
    expect(t.placed).toBe(t.completed + t.runningAtEnd + t.stoppedByFailure);
    // 3 pending for 10 s, then 1 for 90 s; the 1024-cpu task always blocks the others (no fragmentation).
    expect(recorder.metrics().fragmentation.pendingTaskSeconds).toBe(120);
    expect(recorder.metrics().fragmentation.inducedPendingTaskSeconds).toBe(0);
  });
});
