import { describe, expect, it } from "vitest";
import { parseCql } from "../../../src/placement/cql/parse.ts";

/** The parse error text for an expression (fails if it parses). */
function error(text: string): string {
  try {
    parseCql(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe("parseCql", () => {
  it("reads symbol and word forms of every operator as the same operator", () => {
    const pairs: [string, string][] = [
      ["==", "equals"],
      ["!=", "not_equals"],
      [">", "greater_than"],
      [">=", "greater_than_equal"],
      ["<", "less_than"],
      ["<=", "less_than_equal"],
      ["=~", "matches"],
      ["!~", "not_matches"],
    ];
    for (const [symbol, word] of pairs) {
      const a = parseCql(`attribute:x ${symbol} 1`);
      const b = parseCql(`attribute:x ${word} 1`);
      expect(a).toEqual(b);
      expect(a).toMatchObject({ kind: "compare", op: symbol, args: ["1"] });
    }
    expect(parseCql("attribute:x !exists")).toEqual(parseCql("attribute:x not_exists"));
    expect(parseCql("attribute:x !in [a]")).toEqual(parseCql("attribute:x not_in [a]"));
    expect(parseCql("attribute:x exists")).toMatchObject({ op: "exists", args: [] });
  });

  it("gives and precedence over or, and parentheses override it", () => {
    const loose = parseCql("attribute:a == 1 or attribute:b == 2 and attribute:c == 3");
    expect(loose).toMatchObject({ kind: "or", right: { kind: "and" } });
    const grouped = parseCql("(attribute:a == 1 || attribute:b == 2) && attribute:c == 3");
    expect(grouped).toMatchObject({ kind: "and", left: { kind: "or" } });
  });

  it("reads not, ! and nested parentheses", () => {
    expect(parseCql("not(task:group == database)")).toMatchObject({
      kind: "not",
      operand: { kind: "compare", subject: { kind: "taskGroup" }, args: ["database"] },
    });
    const noColumns = (text: string) =>
      JSON.stringify(parseCql(text), (k, v) => (k === "column" ? undefined : v));
    expect(noColumns("!(attribute:a == 1)")).toBe(noColumns("not (attribute:a == 1)"));
    expect(parseCql("((attribute:a exists))")).toMatchObject({ kind: "compare", op: "exists" });
  });

  it("splits operators written without spaces and keeps values with colons, dots and stars", () => {
    expect(parseCql("attribute:a==b&&attribute:c!=d")).toMatchObject({
      kind: "and",
      left: { op: "==", args: ["b"] },
      right: { op: "!=", args: ["d"] },
    });
    expect(parseCql("registeredAt >= 2018-06-18T22:28:28+00:00")).toMatchObject({
      args: ["2018-06-18T22:28:28+00:00"],
    });
    expect(parseCql("task:group == service:production")).toMatchObject({ args: ["service:production"] });
  });

  it("reads quoted arguments and argument lists", () => {
    expect(parseCql("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']")).toMatchObject({
      op: "in",
      args: ["i-abcd1234", "i-wxyx7890"],
    });
    expect(parseCql(`attribute:t =~ "(g4dn|p3)\\..*"`)).toMatchObject({ args: ["(g4dn|p3)\\..*"] });
  });

  it("names the column and what was expected", () => {
    expect(error("attribute:x")).toBe(
      "column 12: expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~ (or equals, not_equals, ...)), found the end of the expression",
    );
    expect(error("colour == red")).toMatch(
      /^column 1: expected a subject \(attribute:NAME, .*found "colour"$/,
    );
    expect(error("attribute:x in a, b")).toBe('column 16: expected "[" to start an argument list, found "a"');
    expect(error("attribute:x in [a b]")).toBe(
      'column 19: expected "," or "]" in the argument list, found "b"',
    );
    expect(error("(attribute:x == 1")).toBe(
      'column 18: expected ")" or and/or, found the end of the expression',
    );
    expect(error("attribute:x == 1 attribute:y == 2")).toBe(
      'column 18: expected "and", "or" or the end of the expression, found "attribute:y"',
    );
    expect(error("attribute:x ==")).toBe("column 15: expected an argument, found the end of the expression");
    expect(error("attribute:x == 'open")).toBe("column 16: unterminated quoted argument (missing ')");
  });

  it("checks arguments against their subject", () => {
    expect(error("runningTasksCount > many")).toBe(
      'column 21: runningTasksCount compares with a whole number, found "many"',
    );
    expect(error("agentVersion < latest")).toMatch(/^column 16: agentVersion compares with a version/);
    expect(error("registeredAt < 2018-02-30")).toMatch(/^column 16: registeredAt compares with a date/);
    expect(error("registeredAt < yesterday")).toMatch(/^column 16: registeredAt compares with a date/);
    expect(error("ec2InstanceId > i-1")).toBe(
      "column 15: operator > does not apply to ec2InstanceId (valid: ==, !=, in, !in, =~, !~)",
    );
    expect(error("agentVersion =~ 1.*")).toMatch(/^column 14: operator =~ does not apply to agentVersion/);
    expect(error("attribute:x =~ 'g2.('")).toBe('column 16: "g2.(" is not a valid regular expression');
    expect(error("agentConnected == maybe")).toMatch(/agentConnected compares with true or false/);
  });
});
