import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { selectStrategies } from "../../src/cli/strategy-selection.ts";
import { loadSweepFile } from "../../src/sweep/load-sweep.ts";
import { SWEEP_JSON_SCHEMA_FILE, sweepJsonSchema } from "../../src/sweep/sweep-schema.ts";
import { planSweep } from "../../src/sweep/units.ts";

const files = readdirSync("scenarios/sweeps")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => join("scenarios/sweeps", f));

describe("shipped sweeps", () => {
  it("include the mixed-fleet growth sweep", () => {
    expect(files).toContain(join("scenarios/sweeps", "mixed-fleet-growth.yaml"));
  });

  it.each(files)("%s plans cleanly (every cell's scenario loads)", (file) => {
    const sweep = loadSweepFile(file);
    const plan = planSweep(sweep, (sc, names) => selectStrategies("sweep", sc.strategies, names));
    expect(plan.cells.length).toBeGreaterThan(1);
    expect(new Set(plan.cells.map((c) => c.scenarioHash)).size).toBe(plan.cells.length);
  });

  it("scenarios/sweep.schema.json is up to date (npm run schema)", () => {
    expect(readFileSync(SWEEP_JSON_SCHEMA_FILE, "utf8")).toBe(sweepJsonSchema());
  });
});
