import { describe, expect, it } from "vitest";
import { parseTaskSize } from "../../src/model/task-definition.ts";
import { problemsOf, shapeOf } from "../helpers/model.ts";

describe("reservation rules", () => {
  it("sums container cpu and memory when the task sets neither", () => {
    const s = shapeOf({
      family: "web",
      containerDefinitions: [
        { name: "a", cpu: 256, memory: 512 },
        { name: "b", cpu: 128, memory: 256 },
        { name: "c", memory: 64 },
      ],
    });
    expect(s.cpu).toBe(384);
    expect(s.memory).toBe(832);
    expect(s.gpu).toBe(0);
  });

  it("reserves memoryReservation over memory (the soft limit wins)", () => {
    const s = shapeOf({
      family: "web",
      containerDefinitions: [
        { name: "a", memory: 1024, memoryReservation: 256 },
        { name: "b", memoryReservation: 128 },
        { name: "c", memory: 64 },
      ],
    });
    expect(s.memory).toBe(256 + 128 + 64);
  });

  it("task-level cpu and memory win over the containers' sums", () => {
    const s = shapeOf({
      family: "web",
      cpu: 2048,
      memory: 4096,
      containerDefinitions: [{ name: "a", cpu: 256, memory: 512 }],
    });
    expect(s.cpu).toBe(2048);
    expect(s.memory).toBe(4096);
  });

  it('reads "1 vCPU", "0.5 vcpu", "2 GB", "2GB" and numeric strings', () => {
    expect(
      shapeOf({ family: "x", cpu: "1 vCPU", memory: "2 GB", containerDefinitions: [{ name: "a" }] }),
    ).toMatchObject({
      cpu: 1024,
      memory: 2048,
    });
    expect(parseTaskSize("0.5 vcpu", "cpu")).toBe(512);
    expect(parseTaskSize("2GB", "memory")).toBe(2048);
    expect(parseTaskSize("0.5 GB", "memory")).toBe(512);
    expect(parseTaskSize("1024", "cpu")).toBe(1024);
    expect(parseTaskSize(256, "cpu")).toBe(256);
    expect(parseTaskSize("2 GB", "cpu")).toBeUndefined();
    expect(parseTaskSize("1 vCPU", "memory")).toBeUndefined();
    expect(parseTaskSize("lots", "memory")).toBeUndefined();
    expect(parseTaskSize(-1, "cpu")).toBeUndefined();
  });

  it("reports unreadable task sizes", () => {
    expect(
      problemsOf({ family: "x", cpu: "2 cores", memory: 512, containerDefinitions: [{ name: "a" }] }),
    ).toEqual([expect.stringMatching(/^cpu: cannot read task cpu/)]);
    expect(
      problemsOf({ family: "x", memory: "2 TB", containerDefinitions: [{ name: "a", memory: 1 }] }),
    ).toEqual([expect.stringMatching(/^memory: cannot read task memory/)]);
  });

  it("sums GPUs over containers and rejects non-whole counts", () => {
    const s = shapeOf({
      family: "ml",
      containerDefinitions: [
        { name: "a", memory: 1024, resourceRequirements: [{ type: "GPU", value: "1" }] },
        {
          name: "b",
          memory: 1024,
          resourceRequirements: [
            { type: "GPU", value: "2" },
            { type: "InferenceAccelerator", value: "device1" },
          ],
        },
      ],
    });
    expect(s.gpu).toBe(3);
    expect(
      problemsOf({
        family: "ml",
        containerDefinitions: [
          { name: "a", memory: 1, resourceRequirements: [{ type: "GPU", value: "0.5" }] },
        ],
      }),
    ).toEqual([expect.stringMatching(/^containerDefinitions\.0\.resourceRequirements\.0\.value: GPU count/)]);
  });

  it("needs memory somewhere and memoryReservation < memory", () => {
    expect(problemsOf({ family: "x", containerDefinitions: [{ name: "a", cpu: 1 }] })).toEqual([
      expect.stringMatching(/needs memory or memoryReservation/),
    ]);
    expect(
      problemsOf({ family: "x", containerDefinitions: [{ name: "a", memory: 100, memoryReservation: 200 }] }),
    ).toEqual([expect.stringMatching(/memoryReservation \(200\) must be lower than memory \(100\)/)]);
    // Equal is refused too: the soft limit must be below the hard one.
    expect(
      problemsOf({ family: "x", containerDefinitions: [{ name: "a", memory: 100, memoryReservation: 100 }] }),
    ).toEqual([expect.stringMatching(/must be lower than memory/)]);
  });
});

describe("ports per network mode", () => {
  it("bridge: hostPort > 0 is static, 0 or missing is dynamic", () => {
    const s = shapeOf({
      family: "web",
      containerDefinitions: [
        {
          name: "a",
          memory: 128,
          portMappings: [
            { containerPort: 80, hostPort: 8080 },
            { containerPort: 53, hostPort: 53, protocol: "udp" },
            { containerPort: 81, hostPort: 0 },
            { containerPort: 82 },
          ],
        },
      ],
    });
    expect(s.networkMode).toBe("bridge");
    expect(s.staticPorts).toEqual(["8080/tcp", "53/udp"]);
    expect(s.dynamicPorts).toBe(2);
    expect(s.eni).toBe(0);
  });

  it("host: the container port is the static host port", () => {
    const s = shapeOf({
      family: "web",
      networkMode: "host",
      containerDefinitions: [
        {
          name: "a",
          memory: 128,
          portMappings: [{ containerPort: 443 }, { containerPort: 80, hostPort: 80 }],
        },
      ],
    });
    expect(s.staticPorts).toEqual(["443/tcp", "80/tcp"]);
    expect(s.dynamicPorts).toBe(0);
    expect(
      problemsOf({
        family: "web",
        networkMode: "host",
        containerDefinitions: [
          { name: "a", memory: 128, portMappings: [{ containerPort: 80, hostPort: 8080 }] },
        ],
      }),
    ).toEqual([expect.stringMatching(/hostPort must equal containerPort/)]);
  });

  it("awsvpc: one ENI per task and no host ports", () => {
    const s = shapeOf({
      family: "web",
      networkMode: "awsvpc",
      containerDefinitions: [{ name: "a", memory: 128, portMappings: [{ containerPort: 443 }] }],
    });
    expect(s.eni).toBe(1);
    expect(s.staticPorts).toEqual([]);
    expect(s.dynamicPorts).toBe(0);
  });

  it("none: cannot map ports", () => {
    expect(
      problemsOf({
        family: "x",
        networkMode: "none",
        containerDefinitions: [{ name: "a", memory: 1, portMappings: [{ containerPort: 80 }] }],
      }),
    ).toEqual([expect.stringMatching(/networkMode none cannot map ports/)]);
  });

  it("the same static host port twice in one task is a problem", () => {
    expect(
      problemsOf({
        family: "x",
        containerDefinitions: [
          { name: "a", memory: 1, portMappings: [{ containerPort: 80, hostPort: 80 }] },
          { name: "b", memory: 1, portMappings: [{ containerPort: 81, hostPort: 80 }] },
        ],
      }),
    ).toEqual([expect.stringMatching(/host port 80\/tcp is mapped twice/)]);
  });
});

describe("containers", () => {
  it("links exist only in bridge mode and must name a container of the task", () => {
    const linked = (networkMode: "bridge" | "awsvpc" | "host", target = "db") => ({
      family: "x",
      networkMode,
      containerDefinitions: [
        { name: "app", memory: 1, links: [target] },
        { name: "db", memory: 1 },
      ],
    });
    expect(problemsOf(linked("bridge"))).toEqual([]);
    expect(problemsOf(linked("awsvpc"))).toEqual([expect.stringMatching(/links need networkMode bridge/)]);
    expect(problemsOf(linked("host"))).toEqual([expect.stringMatching(/links need networkMode bridge/)]);
    expect(problemsOf(linked("bridge", "cache"))).toEqual([
      expect.stringMatching(/^containerDefinitions\.0\.links\.0: link target "cache"/),
    ]);
  });

  it("needs at least one essential container (essential defaults to true)", () => {
    expect(
      problemsOf({
        family: "x",
        containerDefinitions: [
          { name: "a", memory: 1, essential: false },
          { name: "b", memory: 1, essential: false },
        ],
      }),
    ).toEqual([expect.stringMatching(/at least one container must be essential/)]);
    const s = shapeOf({
      family: "x",
      containerDefinitions: [
        { name: "a", memory: 1, essential: false },
        {
          name: "b",
          memory: 1,
          portMappings: [{ containerPort: 80 }, { containerPort: 443, hostPort: 443 }],
        },
      ],
    });
    // ports: the containerPorts mapped, which a service's load balancer must name.
    expect(s.containers).toEqual([
      { name: "a", essential: false, ports: [] },
      { name: "b", essential: true, ports: [80, 443] },
    ]);
  });

  it("needs at least one container and unique names", () => {
    expect(problemsOf({ family: "x", containerDefinitions: [] })).toEqual([
      expect.stringMatching(/at least one container/),
    ]);
    expect(
      problemsOf({
        family: "x",
        containerDefinitions: [
          { name: "a", memory: 1 },
          { name: "a", memory: 1 },
        ],
      }),
    ).toEqual([expect.stringMatching(/duplicate container name "a"/)]);
  });
});
