import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { berth } from "../helpers.ts";

describe("berth plan (CLI, worker pool)", () => {
  it("answers for the shipped quick-start scenario as one JSON document, and writes the chart", () => {
    const out = mkdtempSync(join(tmpdir(), "berth-plan-"));
    const r = berth([
      "plan",
      "scenarios/quickstart.yaml",
      "--slo",
      "placementDelay.p95 <= 2m",
      "--strategy",
      "binpack-memory",
      "--seeds",
      "2",
      "--set",
      "horizon=2h",
      "--workers",
      "2",
      "--json",
      "--out",
      out,
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.scenario).toBe("quickstart");
    const [a] = doc.answers;
    expect(a).toMatchObject({ strategy: "binpack-memory", candidate: "scenario mix", found: true });
    expect(a.total).toBeGreaterThan(0);
    expect(a.slos[0].holds).toBe(true);
    expect(a.slos[0].bound).toBeLessThanOrEqual(120);
    expect(a.runsSpent).toBe(a.probes * 2);
    expect(readFileSync(join(out, "plan.html"), "utf8")).toContain("placementDelay.p95 &lt;= 2m");
  }, 300_000);

  it("refuses an SLO it cannot read, naming the flag", () => {
    const r = berth(["plan", "scenarios/quickstart.yaml", "--slo", "placementDelay.p99 about 3"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^berth: plan: --slo: /);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  }, 60_000);
});
