import { describe, expect, it } from "vitest";
import { gatesTable } from "../../src/report/gates-table.ts";
import { renderSummaryMarkdown } from "../../src/report/summary-markdown.ts";
import { dynamicsResults } from "./dynamics-fixture.ts";

describe("gatesTable", () => {
  it("is null without gates", () => {
    expect(gatesTable(dynamicsResults("crash-loop"))).toBeNull();
  });

  it("has one row per check, and says every gate held when none tripped", () => {
    const results = dynamicsResults("crash-loop", ["tasks.pendingAtEnd < 1000"]);
    const table = gatesTable(results)!;
    expect(table.verdict).toBe("Every gate held.");
    expect(table.rows.map((r) => [r.strategy, r.status])).toEqual(
      results.strategies.map((s) => [s.name, "passed"]),
    );
    expect(table.rows[0]!.detail).toBe(results.gates[0]!.message);
    const md = renderSummaryMarkdown(results);
    expect(md).toContain("## Gates\n\nEvery gate held.\n");
    expect(md).toContain(`| \`tasks.pendingAtEnd < 1000\` | ${results.strategies[0]!.name} | pass |`);
  });
});
