import { describe, expect, it } from "vitest";
import { dynamicsOf, runText } from "./run-scenario.ts";

// Two m5.large (2 vCPU). A log agent daemon (0.25 vCPU) grows to 0.5 vCPU in a deployment at 10 min. At 0,
// one big job (1.5 vCPU) and one small job (0.25 vCPU) per instance, running 1 h: without headroom each
// instance is full (0.25 + 1.5 + 0.25), so the bigger agent cannot land until the jobs end at 1 h.
const scenario = (reserve: boolean) => `name: daemon-headroom
horizon: 2h
cluster:
  instances: [{ type: m5.large, count: 2 }]
taskDefinitions:
  - { family: agent-v1, containerDefinitions: [{ name: a, cpu: 256, memory: 256 }] }
  - { family: agent-v2, containerDefinitions: [{ name: a, cpu: 512, memory: 256 }] }
  - { family: big, containerDefinitions: [{ name: a, cpu: 1536, memory: 1024 }] }
  - { family: small, containerDefinitions: [{ name: a, cpu: 256, memory: 256 }] }
services:
  - name: agent
    taskDefinition: agent-v1
    schedulingStrategy: DAEMON
    deployments: [{ at: 10m, taskDefinition: agent-v2 }]
    reserveCapacity: ${reserve}
workload:
  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 2 }, duration: { type: constant, value: 1h } }
  - { taskDefinition: small, arrival: { type: burst, at: 0, count: 2 }, duration: { type: constant, value: 1h } }
strategies:
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

describe("daemon headroom", () => {
  it("a daemon that does not fit a packed instance is counted, re-checked every minute, and lands when room frees", () => {
    const r = runText(scenario(false));
    const agent = dynamicsOf(r).services.agent!;
    // the v2 agent misses both instances at 10 min; the jobs end at 1 h, the 60 s re-check (600 + 50 x 60)
    // places it at that instant: 2 instances x 3000 s without their agent
    expect(agent.daemonUnplaced).toBe(2);
    expect(agent.taskSecondsBelowDesired).toBe(2 * 3000);
    expect(agent.availability).toBeCloseTo(1 - 3000 / 7200, 12);
    const v2 = r.log.entries.filter((e) => e.family === "agent-v2" && e.state === "RUNNING");
    expect(v2.map((e) => e.time)).toEqual([3600, 3600]);
    // the jobs ran at once
    expect(r.run.metrics.placementDelay.p95).toBe(0);
  });

  it("reserveCapacity holds the larger revision's room: the deployment lands at once, the small jobs wait", () => {
    const r = runText(scenario(true));
    const agent = dynamicsOf(r).services.agent!;
    expect(agent.daemonUnplaced).toBe(0);
    expect(agent.taskSecondsBelowDesired).toBe(0);
    expect(agent.availability).toBe(1);
    const v2 = r.log.entries.filter((e) => e.family === "agent-v2" && e.state === "RUNNING");
    expect(v2.map((e) => e.time)).toEqual([600, 600]);
    // each instance keeps 0.5 vCPU for the agent: 0.25 (v1) + 0.25 held, so after the big job (1.5) the
    // small job (0.25) has no room until the big jobs end at 1 h
    const small = r.log.entries.filter((e) => e.family === "small" && e.state === "RUNNING");
    expect(small.map((e) => e.time)).toEqual([3600, 3600]);
  });

  it("reserveCapacity on a REPLICA service is a file:line:col problem", () => {
    const text = scenario(true).replace("    schedulingStrategy: DAEMON\n", "    desiredCount: 1\n");
    expect(() => runText(text)).toThrow(
      /services\[0\]\.reserveCapacity: reserveCapacity holds room for a DAEMON/,
    );
  });
});
