import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importEcs } from "../../src/import/ecs.ts";
import { writeImport } from "../../src/import/write-import.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";

const fixture = (name: string) => join(import.meta.dirname, "fixtures", "ecs", name);
const FILES = ["container-instances.json", "task-definition.json", "tasks.json", "services.json"].map(
  fixture,
);

describe("writing an import", () => {
  it("writes the scenario, its trace and the reconciliation, and leaves no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "berth-write-import-"));
    const written = await writeImport(importEcs(FILES, {}), join(dir, "mine.yaml"));
    expect(readdirSync(dir).sort()).toEqual(["mine.reconciliation.json", "mine.tasks.csv.gz", "mine.yaml"]);
    expect(loadScenarioFile(written.scenario).scenario.name).toBe("mine");
  });

  it("replaces nothing when one of the three cannot be written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "berth-write-import-"));
    writeFileSync(join(dir, "mine.yaml"), "# the previous import\n");
    mkdirSync(join(dir, "mine.reconciliation.json")); // a folder where a file must go
    await expect(writeImport(importEcs(FILES, {}), join(dir, "mine.yaml"))).rejects.toThrow(/it is a folder/);
    expect(readFileSync(join(dir, "mine.yaml"), "utf8")).toBe("# the previous import\n");
    expect(existsSync(join(dir, "mine.tasks.csv.gz"))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
