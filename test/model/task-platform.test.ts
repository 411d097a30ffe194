import { describe, expect, it } from "vitest";
import { Misfit } from "../../src/model/cluster.ts";
import { FARGATE_SIZES, fargateSizeFor, isFargateSize } from "../../src/model/fargate-sizes.ts";
import { portRangeSize } from "../../src/model/task-definition.ts";
import { addInstances, builtin, clusterFor, problemsOf, shapeOf } from "../helpers/model.ts";

describe("runtimePlatform, requiresCompatibilities, requiresAttributes", () => {
  it("reads architecture and OS family case-insensitively; unset means no requirement", () => {
    const arm = shapeOf({
      family: "x",
      runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" },
      containerDefinitions: [{ name: "a", memory: 128 }],
    });
    expect(arm.platform).toMatchObject({
      cpuArchitecture: "arm64",
      osFamily: "LINUX",
      windows: false,
      ec2: true,
    });
    const plain = shapeOf({ family: "x", containerDefinitions: [{ name: "a", memory: 128 }] });
    expect(plain.platform?.cpuArchitecture).toBeUndefined();
    expect(plain.platform).toMatchObject({ ec2: true, fargate: false });
  });

  it("refuses unknown values and ARM64 Windows", () => {
    expect(
      problemsOf({
        family: "x",
        requiresCompatibilities: ["EC2", "LAMBDA"],
        runtimePlatform: { cpuArchitecture: "RISCV" },
        containerDefinitions: [{ name: "a", memory: 128 }],
      }),
    ).toEqual([
      'requiresCompatibilities.1: unknown compatibility "LAMBDA" (use EC2, FARGATE, EXTERNAL)',
      'runtimePlatform.cpuArchitecture: unknown cpuArchitecture "RISCV" (use X86_64 or ARM64)',
    ]);
    expect(
      problemsOf({
        family: "x",
        runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" },
        containerDefinitions: [{ name: "a", memory: 128 }],
      }),
    ).toEqual(["runtimePlatform: Windows containers run on X86_64 only"]);
  });

  it("keeps custom requiresAttributes and treats agent capabilities as present everywhere", () => {
    const s = shapeOf({
      family: "x",
      requiresAttributes: [
        { name: "com.amazonaws.ecs.capability.docker-remote-api.1.19" },
        { name: "ecs.capability.task-eni" },
        { name: "stack", value: "prod" },
        { name: "has-ssd" },
      ],
      containerDefinitions: [{ name: "a", memory: 128 }],
    });
    expect(s.platform?.requiredAttributes).toEqual([{ name: "stack", value: "prod" }, { name: "has-ssd" }]);
  });
});

describe("containerPortRange", () => {
  it("takes one dynamic host port per port of the range in bridge mode, none in awsvpc", () => {
    const bridge = shapeOf({
      family: "x",
      containerDefinitions: [
        { name: "a", memory: 128, portMappings: [{ containerPortRange: "20000-29999" }] },
      ],
    });
    expect(bridge.dynamicPorts).toBe(10000);
    const vpc = shapeOf({
      family: "x",
      networkMode: "awsvpc",
      containerDefinitions: [
        { name: "a", memory: 128, portMappings: [{ containerPortRange: "20000-29999" }] },
      ],
    });
    expect(vpc.dynamicPorts).toBe(0);
    expect(portRangeSize("8000-8000")).toBeUndefined();
    expect(portRangeSize("80-79")).toBeUndefined();
    expect(portRangeSize(" 1 - 65535 ")).toBe(65535);
  });

  it("a task holding 10,000 host ports leaves room for one such task per instance", () => {
    const shape = shapeOf({
      family: "x",
      containerDefinitions: [
        { name: "a", memory: 16, portMappings: [{ containerPortRange: "20000-29999" }] },
      ],
    });
    const { cluster, placement } = clusterFor([shape]);
    const [i] = addInstances(cluster, builtin("m5.large"), 1);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.None);
    cluster.reserve(placement[0]!, i!);
    expect(cluster.misfit(placement[0]!, i!)).toBe(Misfit.Ports);
  });

  it("refuses a range with a containerPort, a bad range, or host mode", () => {
    expect(
      problemsOf({
        family: "x",
        networkMode: "host",
        containerDefinitions: [
          {
            name: "a",
            memory: 128,
            portMappings: [
              { containerPortRange: "1-10", containerPort: 5 },
              { containerPortRange: "x" },
              { containerPortRange: "1-10" },
            ],
          },
        ],
      }),
    ).toEqual([
      "containerDefinitions.0.portMappings.0.containerPortRange: containerPortRange takes no containerPort or hostPort (host ports are assigned dynamically)",
      'containerDefinitions.0.portMappings.1.containerPortRange: cannot read port range "x" (use "8000-8010")',
      "containerDefinitions.0.portMappings.2.containerPortRange: containerPortRange needs networkMode bridge or awsvpc (this task uses host)",
    ]);
  });
});

describe("Fargate task sizes", () => {
  it("holds the documented combinations", () => {
    expect(isFargateSize(256, 512)).toBe(true);
    expect(isFargateSize(256, 4096)).toBe(false);
    expect(isFargateSize(4096, 30720)).toBe(true);
    expect(isFargateSize(8192, 20480)).toBe(true);
    expect(isFargateSize(8192, 18432)).toBe(false); // 8 vCPU steps by 4 GB
    expect(isFargateSize(16384, 122880)).toBe(true);
    expect(FARGATE_SIZES.length).toBe(3 + 4 + 7 + 13 + 23 + 12 + 12);
  });

  it("rounds a request up to the nearest valid size (least cpu, then least memory)", () => {
    expect(fargateSizeFor(100, 300)).toEqual({ cpu: 256, memory: 512 });
    expect(fargateSizeFor(256, 3000)).toEqual({ cpu: 512, memory: 3072 });
    expect(fargateSizeFor(1500, 1024)).toEqual({ cpu: 2048, memory: 4096 });
    expect(fargateSizeFor(4096, 31000)).toEqual({ cpu: 8192, memory: 32768 });
    expect(fargateSizeFor(20000, 1024)).toBeUndefined();
  });
});
