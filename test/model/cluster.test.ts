import { describe, expect, it } from "vitest";
import { awsId } from "../../src/model/aws-ids.ts";
import {
  AGENT_RESERVED_PORTS,
  type Cluster,
  EPHEMERAL_PORTS,
  InstanceStatus,
  MAX_RESERVED_PORTS,
  MISFIT_REASON,
  Misfit,
} from "../../src/model/cluster.ts";
import { addInstances, boxType, builtin, clusterFor, shapeOf, simpleTask } from "../helpers/model.ts";

function snapshot(c: Cluster, i: number) {
  return {
    cpu: c.freeCpu[i],
    memory: c.freeMemory[i],
    gpu: c.freeGpu[i],
    eni: c.freeEni[i],
    dyn: c.freeDynamicPorts[i],
    staticInUse: c.staticPortsInUse[i],
    running: c.runningTasks[i],
    ports: Array.from(c.portUsed.subarray(i * c.ports.length, (i + 1) * c.ports.length)),
  };
}

describe("Cluster.misfit", () => {
  it("registers an instance with its type's cpu and memory free", () => {
    const { cluster } = clusterFor([]);
    const [i] = addInstances(cluster, builtin("m5.large"), 1);
    expect(cluster.freeCpu[i!]).toBe(2048);
    expect(cluster.freeMemory[i!]).toBe(builtin("m5.large").memory);
    expect(cluster.freeDynamicPorts[i!]).toBe(EPHEMERAL_PORTS);
    expect(cluster.attributes[i!]!.get("ecs.instance-type")).toBe("m5.large");
    expect(cluster.attributes[i!]!.get("ecs.availability-zone")).toBe("us-east-1a");
  });

  it("reports cpu, memory and gpu shortfalls, in that order", () => {
    const cpuHeavy = simpleTask("cpu", 2048, 128);
    const memHeavy = simpleTask("mem", 128, 4096);
    const both = simpleTask("both", 4096, 8192);
    const gpu = simpleTask("gpu", 128, 128, { gpu: 1 });
    const { cluster, placement } = clusterFor([cpuHeavy, memHeavy, both, gpu]);
    const [i] = addInstances(cluster, boxType("small", 1024, 2048), 1);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.Cpu);
    expect(cluster.misfit(placement[1]!, i!)).toBe(Misfit.Memory);
    expect(cluster.misfit(placement[2]!, i!)).toBe(Misfit.Cpu);
    expect(cluster.misfit(placement[3]!, i!)).toBe(Misfit.Gpu);
    const [g] = addInstances(cluster, builtin("g4dn.xlarge"), 1);
    expect(cluster.misfit(placement[3]!, g!)).toBe(Misfit.None);
    cluster.reserve(placement[3]!, g!);
    expect(cluster.misfit(placement[3]!, g!)).toBe(Misfit.Gpu);
    expect(MISFIT_REASON[Misfit.Memory]).toBe("RESOURCE:MEMORY");
    expect(MISFIT_REASON[Misfit.Ports]).toBe("RESOURCE:PORTS");
  });

  it("fits exactly at the boundary and not one unit past it", () => {
    const exact = simpleTask("exact", 1024, 2048);
    const over = simpleTask("over", 1024, 2049);
    const { cluster, placement } = clusterFor([exact, over]);
    const [i] = addInstances(cluster, boxType("small", 1024, 2048), 1);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.None);
    expect(cluster.misfit(placement[1]!, i!)).toBe(Misfit.Memory);
    cluster.reserve(placement[0]!, i!);
    expect(cluster.freeCpu[i!]).toBe(0);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.Cpu);
  });

  it("awsvpc: the primary ENI is not usable, so a c5.large (3 ENIs) fits 2 tasks", () => {
    const task = shapeOf({
      family: "vpc",
      networkMode: "awsvpc",
      containerDefinitions: [{ name: "a", cpu: 1, memory: 1 }],
    });
    const { cluster, placement } = clusterFor([task]);
    const [i] = addInstances(cluster, builtin("c5.large"), 1);
    let placed = 0;
    while (cluster.misfit(placement[0]!, i!) === Misfit.None) {
      cluster.reserve(placement[0]!, i!);
      placed++;
    }
    expect(placed).toBe(2);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.Eni);
  });

  it("awsvpc with ENI trunking: a c5.large fits 10 tasks", () => {
    const task = shapeOf({
      family: "vpc",
      networkMode: "awsvpc",
      containerDefinitions: [{ name: "a", cpu: 1, memory: 1 }],
    });
    const { cluster, placement } = clusterFor([task], true);
    const [i] = addInstances(cluster, builtin("c5.large"), 1);
    let placed = 0;
    while (cluster.misfit(placement[0]!, i!) === Misfit.None) {
      cluster.reserve(placement[0]!, i!);
      placed++;
    }
    expect(placed).toBe(10);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.Eni);
    // A type without trunking support falls back to ENIs - 1.
    const [t] = addInstances(cluster, builtin("t3.medium"), 1);
    expect(cluster.regEni[t!]).toBe(2);
  });

  it("a static host port in use blocks a second task needing it, on that instance only", () => {
    const web = simpleTask("web", 128, 128, { hostPorts: [443] });
    const other = simpleTask("other", 128, 128, { hostPorts: [8080] });
    const { cluster, placement } = clusterFor([web, other]);
    const [a, b] = addInstances(cluster, builtin("m5.large"), 2);
    cluster.reserve(placement[0]!, a!);
    expect(cluster.misfit(placement[0]!, a!)).toBe(Misfit.Ports);
    expect(cluster.misfit(placement[1]!, a!)).toBe(Misfit.None);
    expect(cluster.misfit(placement[0]!, b!)).toBe(Misfit.None);
    // Same number, other protocol: a different port.
    const udp = shapeOf({
      family: "dns",
      containerDefinitions: [
        { name: "a", memory: 1, portMappings: [{ containerPort: 443, hostPort: 443, protocol: "udp" }] },
      ],
    });
    const { cluster: c2, placement: p2 } = clusterFor([web, udp]);
    const [x] = addInstances(c2, builtin("m5.large"), 1);
    c2.reserve(p2[0]!, x!);
    expect(c2.misfit(p2[1]!, x!)).toBe(Misfit.None);
  });

  it("the agent-reserved ports 22, 2375, 2376, 51678, 51679, 51680 are taken on every instance", () => {
    expect(AGENT_RESERVED_PORTS).toEqual([22, 2375, 2376, 51678, 51679, 51680]);
    const shapes = AGENT_RESERVED_PORTS.map((p) => simpleTask(`p${p}`, 1, 1, { hostPorts: [p] }));
    const free = simpleTask("free", 1, 1, { hostPorts: [2377] });
    const { cluster, placement } = clusterFor([...shapes, free]);
    const [i] = addInstances(cluster, builtin("m5.large"), 1);
    AGENT_RESERVED_PORTS.forEach((p, k) =>
      expect(cluster.misfit(placement[k]!, i!), `port ${p}`).toBe(Misfit.Ports),
    );
    expect(cluster.misfit(placement[shapes.length]!, i!)).toBe(Misfit.None);
    expect(cluster.staticPortsInUse[i!]).toBe(AGENT_RESERVED_PORTS.length);
  });

  it("holds at most 100 reserved ports per instance; dynamic ports do not count", () => {
    const room = MAX_RESERVED_PORTS - AGENT_RESERVED_PORTS.length;
    const ports = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);
    const fits = simpleTask("fits", 1, 1, { hostPorts: ports(10000, room) });
    const tooMany = simpleTask("too-many", 1, 1, { hostPorts: ports(20000, room + 1) });
    const oneMore = simpleTask("one-more", 1, 1, { hostPorts: [30000] });
    const dynamic = simpleTask("dynamic", 1, 1, { dynamicPorts: 500 });
    const { cluster, placement } = clusterFor([fits, tooMany, oneMore, dynamic]);
    const [i] = addInstances(cluster, builtin("m5.large"), 1);
    expect(cluster.misfit(placement[1]!, i!)).toBe(Misfit.Ports);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.None);
    cluster.reserve(placement[0]!, i!);
    expect(cluster.staticPortsInUse[i!]).toBe(MAX_RESERVED_PORTS);
    expect(cluster.misfit(placement[2]!, i!)).toBe(Misfit.Ports);
    expect(cluster.misfit(placement[3]!, i!)).toBe(Misfit.None);
    cluster.reserve(placement[3]!, i!);
    expect(cluster.freeDynamicPorts[i!]).toBe(EPHEMERAL_PORTS - 500);
  });

  it("runs out of dynamic ports when the ephemeral range is used up", () => {
    const many = simpleTask("many", 1, 1, { dynamicPorts: 4096 });
    const { cluster, placement } = clusterFor([many]);
    const [i] = addInstances(cluster, boxType("huge", 1 << 20, 1 << 20), 1);
    let placed = 0;
    while (cluster.misfit(placement[0]!, i!) === Misfit.None) {
      cluster.reserve(placement[0]!, i!);
      placed++;
    }
    expect(placed).toBe(Math.floor(EPHEMERAL_PORTS / 4096));
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.Ports);
  });

  it("an instance that is not ACTIVE takes nothing", () => {
    const t = simpleTask("t", 1, 1);
    const { cluster, placement } = clusterFor([t]);
    const [i] = addInstances(cluster, builtin("m5.large"), 1);
    const told: number[] = [];
    cluster.onChange.push((changed) => told.push(changed));
    cluster.setStatus(i!, InstanceStatus.Draining);
    expect(cluster.status[i!]).toBe(InstanceStatus.Draining);
    expect(told).toEqual([i]);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.NotActive);
  });
});

describe("reserve / release", () => {
  it("release restores exactly the state before reserve", () => {
    const web = simpleTask("web", 512, 1024, { hostPorts: [80, 443], dynamicPorts: 2 });
    const vpc = shapeOf({
      family: "vpc",
      networkMode: "awsvpc",
      containerDefinitions: [
        { name: "a", cpu: 256, memory: 512, resourceRequirements: [{ type: "GPU", value: "1" }] },
      ],
    });
    const { cluster, placement } = clusterFor([web, vpc]);
    const [i] = addInstances(cluster, builtin("g4dn.xlarge"), 1);
    const before = snapshot(cluster, i!);
    cluster.reserve(placement[0]!, i!);
    const afterWeb = snapshot(cluster, i!);
    cluster.reserve(placement[1]!, i!);
    expect(snapshot(cluster, i!)).toMatchObject({
      cpu: 4096 - 768,
      memory: builtin("g4dn.xlarge").memory - 1536,
      gpu: 0,
      eni: 1,
      dyn: EPHEMERAL_PORTS - 2,
      staticInUse: AGENT_RESERVED_PORTS.length + 2,
      running: 2,
    });
    cluster.release(placement[1]!, i!);
    expect(snapshot(cluster, i!)).toEqual(afterWeb);
    cluster.release(placement[0]!, i!);
    expect(snapshot(cluster, i!)).toEqual(before);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.None);
  });

  it("keeps per-instance ports apart when the arrays grow past their initial capacity", () => {
    const web = simpleTask("web", 1, 1, { hostPorts: [443] });
    const { cluster, placement } = clusterFor([web]);
    const first = addInstances(cluster, builtin("m5.large"), 5);
    cluster.reserve(placement[0]!, first[3]!);
    const more = addInstances(cluster, builtin("m5.large"), 60);
    expect(cluster.count).toBe(65);
    expect(cluster.misfit(placement[0]!, first[3]!)).toBe(Misfit.Ports);
    expect(cluster.freeCpu[first[3]!]).toBe(2047);
    for (const i of [...first.filter((_, k) => k !== 3), ...more]) {
      expect(cluster.misfit(placement[0]!, i)).toBe(Misfit.None);
    }
    cluster.reserve(placement[0]!, more[50]!);
    expect(cluster.misfit(placement[0]!, more[50]!)).toBe(Misfit.Ports);
    expect(cluster.misfit(placement[0]!, more[51]!)).toBe(Misfit.None);
  });

  it("refuses a shape with a port outside the cluster's port universe", () => {
    const { cluster } = clusterFor([]);
    expect(() => cluster.resolveShape(simpleTask("x", 1, 1, { hostPorts: [9999] }), 0)).toThrow(
      /port universe/,
    );
  });
});

describe("Cluster.addInstance attributes", () => {
  it("are the built-ins, then the group's own, in Map-constructor order: a repeated key keeps its first place", () => {
    const { cluster } = clusterFor([]);
    const type = builtin("m5.large");
    // Group attributes: a new key, one overriding a built-in set before them (os-type) and one overriding a
    // built-in set after them (availability-zone: the instance's zone wins, at the group key's place).
    const attrs = Object.assign(Object.create({ inherited: "no" }) as Record<string, string>, {
      team: "blue",
      "ecs.os-type": "windows",
      "ecs.availability-zone": "mars-1a",
    });
    const zones = ["us-east-1a", "us-east-1b", "us-east-1a", "eu-west-1c"];
    zones.forEach((zone, k) => cluster.addInstance(type, 0, zone, k % 2 === 0 ? attrs : {}, 0));
    zones.forEach((zone, k) => {
      const reference = new Map([
        ["ecs.os-type", "linux"],
        ["ecs.os-family", "LINUX"],
        ["ecs.subnet-id", awsId("subnet", zone)],
        ...Object.entries(k % 2 === 0 ? attrs : {}),
        ["ecs.availability-zone", zone],
        ["ecs.instance-type", "m5.large"],
        ["ecs.cpu-architecture", type.architecture],
      ]);
      expect([...cluster.attributes[k]!]).toEqual([...reference]);
    });
    // One subnet id per zone, distinct across zones.
    const subnets = cluster.attributes.map((a) => a.get("ecs.subnet-id"));
    expect(subnets[0]).toBe(subnets[2]);
    expect(new Set(subnets).size).toBe(3);
  });
});
