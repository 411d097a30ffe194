/** User text cannot inject into summary.md, JUnit XML or the terminal (issue 13). */
import { describe, expect, it } from "vitest";
import { buildResults } from "../../src/report/results.ts";
import { renderSummaryMarkdown } from "../../src/report/summary-markdown.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { type Gate, parseGate } from "../../src/scenario/parse-gate.ts";
import { compare } from "../../src/sim/compare.ts";
import { renderJunit } from "../../src/stats/gates/junit.ts";
import { berth, NOT_XML, RAW_CONTROL, tempScenario } from "../helpers/cli.ts";

const EVIL = "<script>alert(1)</script>";
const IMG = "<img src=x onerror=alert(2)>";
const LINK = "[click](javascript:alert(3))";

const SCENARIO = `name: evil
description: "${EVIL} ${IMG} ${LINK}\\nsecond | line"
seed: 1
replications: 2
horizon: 20m
cluster:
  instances:
    - { type: m5.large, count: 2 }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
workload:
  - { taskDefinition: web, arrival: { type: interval, every: 1m }, duration: { type: constant, value: 5m } }
strategies:
  - name: "a|b\\nc ${IMG}"
    description: "${LINK} \\u001b[31mred"
    placementStrategy: [{ type: binpack, field: memory }]
  - name: "bell\\u0007 ${EVIL}"
    placementStrategy: [{ type: spread, field: instanceId }]
`;

function results() {
  const { scenario } = loadScenarioText("s.yaml", SCENARIO);
  const gates = [parseGate("utilization.memory > 0.99", "--gate") as Gate];
  return buildResults(scenario, compare(scenario), { gates });
}

describe("summary.md", () => {
  const md = renderSummaryMarkdown(results());

  it("holds no raw HTML, image or javascript: link from names and descriptions", () => {
    // A backslash-escaped "<" renders as the character itself, never as a tag.
    expect(md).not.toMatch(/(?<!\\)<(script|img|\/script)/);
    expect(md).not.toMatch(/(?<!\\)\[click(?<!\\)\]\(javascript:/);
    expect(md).toContain("\\<script\\>");
  });

  it("keeps every table row whole: names with | and line breaks stay in one cell", () => {
    // Consecutive "|" lines form a table: every row has as many unescaped separators as its header.
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    let tables = 0;
    let width = 0;
    for (const row of md.split("\n")) {
      if (!row.startsWith("|")) {
        width = 0;
        continue;
      }
      if (width === 0) {
        width = cells(row);
        tables++;
      }
      expect(cells(row), row).toBe(width);
    }
    expect(tables).toBeGreaterThanOrEqual(3);
    expect(md).not.toMatch(RAW_CONTROL);
  });
});

describe("JUnit XML", () => {
  it("stays well-formed when names hold control characters", () => {
    const xml = renderJunit("evil\u0001", results().gates);
    // XML 1.0 allows tab, LF and CR among C0 controls, nothing else.
    expect(xml).not.toMatch(NOT_XML);
    expect(xml).toContain("\\u0007");
    expect(xml).not.toContain("<script");
    // Every & starts an entity.
    expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  });
});

describe("terminal and error lines", () => {
  it("show control characters escaped", () => {
    const { dir, file } = tempScenario(SCENARIO);
    const r = berth(["run", file, "--out", `${dir}/o`, "--gate", "utilization.memory > 0.99"]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain("bell\\u0007");
    const bad = berth(["run", file, "--strategy", "no\u001b[31mpe"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("no\\u001b[31mpe");
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
