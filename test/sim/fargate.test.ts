import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { runText } from "./run-scenario.ts";

const TD = `  - family: api
    requiresCompatibilities: [FARGATE]
    networkMode: awsvpc
    cpu: "512"
    memory: "1024"
    containerDefinitions: [{ name: api, essential: true }]`;

const scenario = (strategy: string, extra = "", td = TD) => `name: t
horizon: 2h
cluster:
  instances: [{ type: m5.large, count: 1, zones: [us-east-1a, us-east-1b] }]
fargate: { provisioningDelay: 40s }
taskDefinitions:
${td}
workload:
  - taskDefinition: api
    arrival: { type: burst, at: 0, count: 4 }
    duration: { type: constant, value: 1h }
    capacityProviderStrategy: ${strategy}
${extra}
strategies: [{ name: s }]
`;

describe("Fargate capacity provider", () => {
  it("gives each task its own capacity after the provisioning delay, billed per vCPU-hour and GB-hour", () => {
    const r = runText(scenario("[{ capacityProvider: FARGATE }]"));
    const running = r.log.entries.filter((e) => e.state === "RUNNING");
    expect(running.map((e) => e.time)).toEqual([40, 40, 40, 40]);
    expect(new Set(running.map((e) => e.instance)).size).toBe(4);
    // The m5.large of the cluster is never used and costs 2 h x $0.096.
    const fargateHour = 0.5 * 0.04048 + 1 * 0.004445;
    const expected = 2 * 0.096 + 4 * fargateHour * ((3600 + 40) / 3600);
    expect(r.run.metrics.cost.dollars).toBeCloseTo(expected, 9);
    // Capacity goes away with its task.
    const gone = r.log.entries.filter((e) => e.state === "GONE").map((e) => e.time);
    expect(gone).toEqual([3640, 3640, 3640, 3640]);
    // Spread over the zones the cluster uses.
    expect(new Set(running.map((e) => e.zone))).toEqual(new Set(["us-east-1a", "us-east-1b"]));
  });

  it("bills the nearest valid size up, and warns that ECS would refuse the size", () => {
    const td = TD.replace('memory: "1024"', 'memory: "1500"');
    const r = runText(scenario("[{ capacityProvider: FARGATE }]", "", td));
    expect(r.loaded.warnings.join("\n")).toMatch(
      /berth bills the nearest size up, cpu 512 \/ memory 2048 MiB/,
    );
    expect(r.loaded.scenario.instanceTypes.some((t) => t.name === "FARGATE:0.5vCPU/2GB")).toBe(true);
  });

  it("FARGATE_SPOT is cheaper and interrupted with the two-minute warning", () => {
    const r = runText(
      scenario(
        "[{ capacityProvider: FARGATE_SPOT }]",
        "failures:\n  spotInterruptions: [{ at: 30m, count: 1 }]",
      ),
    );
    const draining = r.log.entries.filter((e) => e.state === "DRAINING");
    expect(draining.map((e) => e.time)).toEqual([1800]);
    const stopped = r.log.entries.filter(
      (e) => e.state === "STOPPED" && e.reason !== "Essential container in task exited",
    );
    expect(stopped.some((e) => e.time === 1920)).toBe(true);
    const spotType = r.loaded.scenario.instanceTypes.find((t) => t.name.startsWith("FARGATE_SPOT"))!;
    expect(spotType.pricePerHour).toBeCloseTo(0.3 * (0.5 * 0.04048 + 0.004445), 12);
  });

  it("requiresCompatibilities decides where a task may run", () => {
    const bad = (text: string) => {
      try {
        runText(text);
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    };
    // A Fargate-only definition sent to EC2 capacity (no strategy).
    expect(bad(scenario("[]").replace("    capacityProviderStrategy: []\n", ""))).toMatch(
      /runs only on Fargate \(requiresCompatibilities\)/,
    );
    // An EC2-only definition sent to Fargate.
    expect(bad(scenario("[{ capacityProvider: FARGATE }]", "", TD.replace("[FARGATE]", "[EC2]")))).toMatch(
      /does not list FARGATE in requiresCompatibilities/,
    );
    // FARGATE needs awsvpc and a task size.
    expect(bad(scenario("[{ capacityProvider: FARGATE }]", "", TD.replace("awsvpc", "bridge")))).toMatch(
      /FARGATE needs networkMode awsvpc/,
    );
    expect(bad(scenario("[{ capacityProvider: FARGATE }]", "", TD.replace('    cpu: "512"\n', "")))).toMatch(
      /FARGATE needs task-level cpu and memory/,
    );
  });

  it("ARM64 Fargate tasks are billed at the Graviton rates", () => {
    const td = `${TD}\n    runtimePlatform: { cpuArchitecture: ARM64 }`;
    const r = runText(scenario("[{ capacityProvider: FARGATE }]", "", td));
    const t = r.loaded.scenario.instanceTypes.find((x) => x.name.startsWith("FARGATE"))!;
    expect(t.architecture).toBe("arm64");
    expect(t.pricePerHour).toBeCloseTo(0.5 * 0.03238 + 0.00356, 12);
    expect(r.log.entries.filter((e) => e.state === "RUNNING").length).toBe(4);
  });
});

describe("scenarios/fargate-vs-ec2.yaml", () => {
  it("states the cost of each capacity choice at the modelled load (Fargate = task-hours x size price)", () => {
    const { scenario: sc } = loadScenarioFile("scenarios/fargate-vs-ec2.yaml");
    const cost = (k: number) => simulate(sc, sc.strategies[k]!, sc.seed).metrics.cost.dollars;
    // 488 task-hours of 0.5 vCPU / 1 GB over the day.
    expect(cost(1)).toBeCloseTo(488 * (0.5 * 0.04048 + 0.004445), 6);
    const ec2 = cost(0);
    expect(ec2).toBeGreaterThan(cost(1));
    expect(cost(2)).toBeLessThan(cost(1));
  });
});
