import { describe, expect, it } from "vitest";
import { TASK_CSV_HEADER, TaskCsvLog } from "../../src/report/task-csv.ts";
import { csvText } from "../../src/report/text-escape.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";
import { scenarioYaml } from "./fixture.ts";

/** Splits RFC 4180 CSV text into rows of fields (quoted fields may hold commas, quotes, line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === "," || c === "\n") {
      row.push(field);
      field = "";
      if (c === "\n") {
        rows.push(row);
        row = [];
      }
    } else {
      field += c;
    }
  }
  return rows;
}

function tasksCsv(yaml: string) {
  const { scenario } = loadScenarioText("tasks.yaml", yaml);
  let text = "";
  const log = new TaskCsvLog({ write: (chunk) => (text += chunk) });
  const runs = compare(scenario, { log });
  log.finish();
  const [header, ...rows] = parseCsv(text);
  return { runs, header: header!, rows, warmup: scenario.warmup };
}

describe("--tasks CSV", () => {
  it("has one row per submitted task whose outcomes add up to the run's task counts", () => {
    for (const options of [{ instances: 1 }, { pending: "fail" as const, instances: 1 }]) {
      const { runs, header, rows } = tasksCsv(scenarioYaml(options));
      expect(header.join(",")).toBe(TASK_CSV_HEADER);
      const col = (name: string) => header.indexOf(name);
      for (const { strategy, runs: perSeed } of runs)
        for (const run of perSeed) {
          const mine = rows.filter(
            (r) => r[col("strategy")] === strategy.name && r[col("seed")] === String(run.seed),
          );
          const count = (outcome: string) => mine.filter((r) => r[col("outcome")] === outcome).length;
          const t = run.metrics.tasks;
          expect(mine).toHaveLength(t.submitted);
          expect(count("placement failed")).toBe(t.failedPlacement);
          expect(count("cancelled")).toBe(t.cancelled);
          expect(count("pending at end")).toBe(t.pendingAtEnd);
          expect(count("running at end") + count("provisioning at end")).toBe(t.runningAtEnd);
          expect(count("completed")).toBe(t.completed);
          expect(mine.filter((r) => r[col("placed")] !== "")).toHaveLength(t.placed);
          // Placed rows say where; unplaced ones do not.
          for (const r of mine) expect(r[col("instance")] !== "").toBe(r[col("placed")] !== "");
        }
    }
  });

  it("gives each placed task its delay, matching the run's placement-delay figures", () => {
    const { runs, header, rows, warmup } = tasksCsv(scenarioYaml({ instances: 1 }));
    const col = (name: string) => header.indexOf(name);
    const run = runs[0]!.runs[0]!;
    const mine = rows.filter(
      (r) => r[col("strategy")] === runs[0]!.strategy.name && r[col("seed")] === String(run.seed),
    );
    const delays = mine
      .filter((r) => r[col("delay")] !== "" && Number(r[col("submitted")]) >= warmup)
      .map((r) => Number(r[col("delay")]));
    for (const r of mine.filter((x) => x[col("delay")] !== ""))
      expect(Number(r[col("delay")])).toBeCloseTo(Number(r[col("placed")]) - Number(r[col("submitted")]), 2);
    expect(Math.max(...delays)).toBeCloseTo(run.metrics.placementDelay.max, 2);
    expect(delays.reduce((a, v) => a + v, 0) / delays.length).toBeCloseTo(run.metrics.placementDelay.mean, 1);
  });

  it("quotes user names and keeps a spreadsheet from running them as formulas", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText('a,"b"')).toBe('"a,""b"""');
    expect(csvText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvText("@x,y")).toBe(`"'@x,y"`);
    expect(csvText("line\nbreak")).toBe('"line\nbreak"');
    const yaml = scenarioYaml().replace("name: binpack-memory", 'name: "=1+2,\\"x\\""');
    const { rows, header } = tasksCsv(yaml);
    expect(rows.some((r) => r[header.indexOf("strategy")] === `'=1+2,"x"`)).toBe(true);
    for (const r of rows) expect(r).toHaveLength(header.length);
  });
});
