import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";

/** Every scenario shipped in scenarios/ (recursively) must load without errors or warnings. */
function shippedScenarios(dir = "scenarios"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    // Sweep files have their own test (test/sweep/shipped-sweeps.test.ts).
    if (e.isDirectory()) return e.name === "sweeps" ? [] : shippedScenarios(path);
    return /\.(ya?ml)$/.test(e.name) ? [path] : [];
  });
}

describe("shipped scenarios", () => {
  const files = shippedScenarios();

  it("include the quick-start scenario", () => {
    expect(files).toContain(join("scenarios", "quickstart.yaml"));
  });

  it.each(files)("%s loads cleanly", (file) => {
    const { scenario, warnings } = loadScenarioFile(file);
    expect(warnings).toEqual([]);
    expect(scenario.strategies.length).toBeGreaterThan(0);
  });
});
