import { describe, expect, it } from "vitest";
import { buildResults } from "../../src/report/results.ts";
import { renderSummaryMarkdown } from "../../src/report/summary-markdown.ts";
import { compare } from "../../src/sim/compare.ts";
import { compileObject, taskDef } from "../helpers/scenario.ts";

const scenario = compileObject({
  name: "summary",
  seed: 2,
  horizon: 7200,
  cluster: { instances: [{ type: "m5.large", count: 6 }] },
  taskDefinitions: [taskDef("w", 256, 1024)],
  workload: [
    {
      taskDefinition: "w",
      arrival: { type: "poisson", ratePerHour: 60 },
      duration: { type: "exponential", mean: 600 },
    },
  ],
  strategies: [
    { name: "binpack", placementStrategy: [{ type: "binpack", field: "memory" }] },
    { name: "spread", placementStrategy: [{ type: "spread", field: "instanceId" }] },
  ],
});

describe("summary.md", () => {
  it("shows paired differences with significant cells in bold, and no steady-state section for several seeds", () => {
    const md = renderSummaryMarkdown(buildResults(scenario, compare(scenario, { replications: 3 })));
    expect(md).toContain("## Paired differences against binpack");
    const row = md.split("\n").find((l) => l.startsWith("| spread |") && l.includes("**"));
    expect(row).toBeDefined();
    // spread keeps more instances busy than binpack on every seed: significant and positive.
    expect(row).toMatch(/\| \*\*\+[\d.]+ ± [\d.]+ \(\+[\d.]+%\)\*\* \|/);
    expect(md).not.toContain("## Steady state");
    expect(md).not.toContain("## Gates");
  });

  it("shows batch-means estimates when there is one replication", () => {
    const md = renderSummaryMarkdown(buildResults(scenario, compare(scenario, { replications: 1 })));
    expect(md).toContain("## Steady state (batch means, one run)");
    expect(md).toMatch(/\| binpack \| [\d.]+% ± [\d.]+% \(lag1 -?[\d.]+\) \|/);
  });
});
