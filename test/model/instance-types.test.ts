import { describe, expect, it } from "vitest";
import {
  BUILTIN_INSTANCE_TYPES,
  REGISTERED_MEMORY_RATIO,
  registeredMemory,
  resolveCatalog,
} from "../../src/model/instance-types.ts";

describe("built-in catalog", () => {
  it("registers cpu = vCPU x 1024 and memory below nominal for every type", () => {
    expect(BUILTIN_INSTANCE_TYPES.size).toBeGreaterThan(10);
    for (const t of BUILTIN_INSTANCE_TYPES.values()) {
      expect(t.cpu, t.name).toBe(t.vcpu * 1024);
      expect(t.memory, t.name).toBeLessThan(t.memoryMiB);
      expect(t.memory, t.name).toBe(Math.floor(t.memoryMiB * REGISTERED_MEMORY_RATIO));
      expect(t.enis, t.name).toBeGreaterThanOrEqual(2);
      expect(t.pricePerHour, t.name).toBeGreaterThan(0);
    }
  });

  it("reproduces the developer guide's m4.large-style figure: 8 GiB nominal registers 7985 MiB", () => {
    expect(registeredMemory(8192)).toBe(7985);
    expect(BUILTIN_INSTANCE_TYPES.get("m5.large")!.memory).toBe(7985);
    expect(registeredMemory(8192, 256)).toBe(7985 - 256);
  });

  it("carries the documented shapes", () => {
    const shape = (n: string) => {
      const t = BUILTIN_INSTANCE_TYPES.get(n)!;
      return [t.vcpu, t.memoryMiB / 1024, t.enis, t.gpu];
    };
    expect(shape("m5.large")).toEqual([2, 8, 3, 0]);
    expect(shape("c5.large")).toEqual([2, 4, 3, 0]);
    expect(shape("r5.large")).toEqual([2, 16, 3, 0]);
    expect(shape("m5.xlarge")).toEqual([4, 16, 4, 0]);
    expect(shape("c5.4xlarge")).toEqual([16, 32, 8, 0]);
    expect(shape("g4dn.xlarge")).toEqual([4, 16, 3, 1]);
    expect(BUILTIN_INSTANCE_TYPES.get("c5.large")!.trunkEniTasks).toBe(10);
  });
});

describe("resolveCatalog", () => {
  it("overrides fields of a built-in and keeps the rest", () => {
    const errors: string[] = [];
    const catalog = resolveCatalog({ "m5.large": { pricePerHour: 0.05, memory: 7000 } }, (n, m) =>
      errors.push(`${n}: ${m}`),
    );
    expect(errors).toEqual([]);
    const t = catalog.get("m5.large")!;
    expect(t.pricePerHour).toBe(0.05);
    expect(t.priceSource).toBe("scenario");
    expect(t.memory).toBe(7000);
    expect(t.cpu).toBe(2048);
    expect(t.enis).toBe(3);
    expect(t.trunkEniTasks).toBe(10);
    // The shared built-in table is untouched.
    expect(BUILTIN_INSTANCE_TYPES.get("m5.large")!.memory).toBe(7985);
    expect(catalog.get("c5.large")).toBe(BUILTIN_INSTANCE_TYPES.get("c5.large"));
  });

  it("adds inline types with defaults, and needs cpu and memory for them", () => {
    const errors: string[] = [];
    const catalog = resolveCatalog(
      {
        slot: { cpu: 1024, memory: 1024 },
        half: { cpu: 512 },
        gpuBox: { cpu: 4096, memory: 8000, gpu: 2, enis: 5 },
      },
      (n, m) => errors.push(`${n}: ${m}`),
    );
    expect(errors).toEqual([expect.stringMatching(/^half: a new instance type needs cpu/)]);
    expect(catalog.has("half")).toBe(false);
    expect(catalog.get("slot")).toMatchObject({
      name: "slot",
      cpu: 1024,
      memory: 1024,
      vcpu: 1,
      gpu: 0,
      enis: 3,
      pricePerHour: 0,
      architecture: "x86_64",
    });
    expect(catalog.get("gpuBox")).toMatchObject({ gpu: 2, enis: 5, vcpu: 4 });
  });
});
