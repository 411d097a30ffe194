/** The YAML engine's internal messages become one clear line with file:line:col (issue 13). */
import { describe, expect, it } from "vitest";
import { problemsOf } from "../helpers/scenario.ts";

const problems = (text: string) => problemsOf(text);

describe("YAML engine messages", () => {
  it("nesting deep enough to overflow the parser's stack", () => {
    const lines = problems(`name: ${"[".repeat(20000)}${"]".repeat(20000)}\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^s\.yaml:1:\d+ YAML: nested too deeply \(brackets or indentation/);
    expect(lines[0]).not.toContain("Maximum call stack");
  });

  it("an alias without an anchor", () => {
    expect(problems("horizon: 1h\nname: *missing\n")).toEqual([
      "s.yaml:2:7 YAML: alias *missing refers to no anchor &missing defined before it",
    ]);
  });

  it("an alias bomb", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    lines.push("name: *a7");
    expect(problems(`${lines.join("\n")}\n`)).toEqual([
      "s.yaml:2:10 YAML: aliases expand to more than 1000 nodes (refused as a resource-exhaustion attack)",
    ]);
  });
});
