/**
 * Parser for the cluster query language (grammar in ast.ts). Operators come in symbol and word form
 * (`==` / `equals`, `!in` / `not_in`, `=~` / `matches`, ...); `and` binds tighter than `or`; `not` / `!`
 * binds tightest. Arguments are checked against their subject here, so a bad date, version, count or regex
 * is reported with its column before any simulation runs.
 */
import type { Expression, Operator, Subject } from "./ast.ts";
import { patternProblem } from "./linear-regex.ts";
import { CqlSyntaxError, type Token, tokenize } from "./tokens.ts";
import { parseCqlDate, parseVersion } from "./values.ts";

const OPERATOR_WORDS: Record<string, Operator> = {
  "==": "==",
  equals: "==",
  "!=": "!=",
  not_equals: "!=",
  ">": ">",
  greater_than: ">",
  ">=": ">=",
  greater_than_equal: ">=",
  "<": "<",
  less_than: "<",
  "<=": "<=",
  less_than_equal: "<=",
  exists: "exists",
  not_exists: "!exists",
  in: "in",
  not_in: "!in",
  "=~": "=~",
  matches: "=~",
  "!~": "!~",
  not_matches: "!~",
};

const ORDERING: Operator[] = ["==", "!=", ">", ">=", "<", "<="];
const MATCHING: Operator[] = ["==", "!=", "in", "!in", "=~", "!~"];
const ALL: Operator[] = [...ORDERING, "exists", "!exists", "in", "!in", "=~", "!~"];

/** Operators each subject accepts (cluster-query-language.md; attribute and task:group accept all). */
const VALID_OPERATORS: Record<Subject["kind"], Operator[]> = {
  attribute: ALL,
  taskGroup: ["==", "!=", "exists", "!exists", "in", "!in", "=~", "!~"],
  ec2InstanceId: MATCHING,
  agentConnected: MATCHING,
  agentVersion: ORDERING,
  registeredAt: ORDERING,
  runningTasksCount: ORDERING,
};

const SUBJECT_NAMES =
  "attribute:NAME, ec2InstanceId, agentConnected, agentVersion, registeredAt, runningTasksCount, task:group";
const OPERATOR_LIST = "==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~ (or equals, not_equals, ...)";

/** Parses a cluster query; throws CqlSyntaxError naming the column and what was expected. */
export function parseCql(text: string): Expression {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token => tokens[at]!;
  const next = (): Token => tokens[at++]!;
  const found = (t: Token) => (t.kind === "end" ? "the end of the expression" : `"${t.text}"`);
  const isWord = (t: Token, ...words: string[]) => t.kind === "word" && words.includes(t.text.toLowerCase());
  const isSymbol = (t: Token, ...symbols: string[]) => t.kind === "symbol" && symbols.includes(t.text);

  function or(): Expression {
    let left = and();
    while (isSymbol(peek(), "||") || isWord(peek(), "or")) {
      next();
      left = { kind: "or", left, right: and() };
    }
    return left;
  }

  function and(): Expression {
    let left = unary();
    while (isSymbol(peek(), "&&") || isWord(peek(), "and")) {
      next();
      left = { kind: "and", left, right: unary() };
    }
    return left;
  }

  function unary(): Expression {
    const t = peek();
    if (isSymbol(t, "!") || isWord(t, "not")) {
      next();
      return { kind: "not", operand: unary() };
    }
    if (isSymbol(t, "(")) {
      next();
      const inner = or();
      const close = next();
      if (!isSymbol(close, ")"))
        throw new CqlSyntaxError(close.column, `expected ")" or and/or, found ${found(close)}`);
      return inner;
    }
    return comparison();
  }

  function comparison(): Expression {
    const s = next();
    if (s.kind !== "word")
      throw new CqlSyntaxError(s.column, `expected a subject (${SUBJECT_NAMES}), found ${found(s)}`);
    const subject = parseSubject(s);
    const op = operator();
    if (!VALID_OPERATORS[subject.kind].includes(op.op)) {
      throw new CqlSyntaxError(
        op.column,
        `operator ${op.op} does not apply to ${s.text} (valid: ${VALID_OPERATORS[subject.kind].join(", ")})`,
      );
    }
    let args: string[] = [];
    if (op.op === "in" || op.op === "!in") args = list();
    else if (op.op !== "exists" && op.op !== "!exists") args = [argument()];
    args.forEach((a, k) => checkArgument(subject, op.op, a, argColumns[k] ?? op.column));
    return { kind: "compare", subject, op: op.op, args, column: s.column };
  }

  function parseSubject(t: Token): Subject {
    const text = t.text;
    if (text.startsWith("attribute:")) {
      const name = text.slice("attribute:".length);
      if (name === "") throw new CqlSyntaxError(t.column, 'expected an attribute name after "attribute:"');
      return { kind: "attribute", name };
    }
    switch (text) {
      case "ec2InstanceId":
        return { kind: "ec2InstanceId" };
      case "agentConnected":
        return { kind: "agentConnected" };
      case "agentVersion":
        return { kind: "agentVersion" };
      case "registeredAt":
        return { kind: "registeredAt" };
      case "runningTasksCount":
        return { kind: "runningTasksCount" };
      case "task:group":
        return { kind: "taskGroup" };
    }
    throw new CqlSyntaxError(t.column, `expected a subject (${SUBJECT_NAMES}), found "${text}"`);
  }

  function operator(): { op: Operator; column: number } {
    const t = next();
    if (isSymbol(t, "!")) {
      const w = next();
      if (isWord(w, "exists")) return { op: "!exists", column: t.column };
      if (isWord(w, "in")) return { op: "!in", column: t.column };
      throw new CqlSyntaxError(w.column, `expected "exists" or "in" after "!", found ${found(w)}`);
    }
    const op = t.kind === "end" || t.kind === "quoted" ? undefined : OPERATOR_WORDS[t.text.toLowerCase()];
    if (op === undefined)
      throw new CqlSyntaxError(t.column, `expected an operator (${OPERATOR_LIST}), found ${found(t)}`);
    return { op, column: t.column };
  }

  let argColumns: number[] = [];
  function argument(): string {
    const t = next();
    if (t.kind !== "word" && t.kind !== "quoted")
      throw new CqlSyntaxError(t.column, `expected an argument, found ${found(t)}`);
    argColumns = [t.column];
    return t.text;
  }

  function list(): string[] {
    const open = next();
    if (!isSymbol(open, "["))
      throw new CqlSyntaxError(open.column, `expected "[" to start an argument list, found ${found(open)}`);
    const values: string[] = [];
    const columns: number[] = [];
    for (;;) {
      const t = next();
      if (t.kind !== "word" && t.kind !== "quoted")
        throw new CqlSyntaxError(t.column, `expected a list item, found ${found(t)}`);
      values.push(t.text);
      columns.push(t.column);
      const sep = next();
      if (isSymbol(sep, "]")) break;
      if (!isSymbol(sep, ","))
        throw new CqlSyntaxError(sep.column, `expected "," or "]" in the argument list, found ${found(sep)}`);
    }
    argColumns = columns;
    return values;
  }

  const tree = or();
  const rest = peek();
  if (rest.kind !== "end")
    throw new CqlSyntaxError(
      rest.column,
      `expected "and", "or" or the end of the expression, found ${found(rest)}`,
    );
  return tree;
}

function checkArgument(subject: Subject, op: Operator, arg: string, column: number): void {
  if (op === "=~" || op === "!~") {
    const problem = patternProblem(arg);
    if (problem !== undefined) throw new CqlSyntaxError(column, problem);
    return;
  }
  if (subject.kind === "runningTasksCount" && !/^\d+$/.test(arg))
    throw new CqlSyntaxError(column, `runningTasksCount compares with a whole number, found "${arg}"`);
  if (subject.kind === "agentVersion" && parseVersion(arg) === undefined)
    throw new CqlSyntaxError(column, `agentVersion compares with a version like 1.14.5, found "${arg}"`);
  if (subject.kind === "registeredAt" && parseCqlDate(arg) === undefined)
    throw new CqlSyntaxError(
      column,
      `registeredAt compares with a date (2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or +00:00), found "${arg}"`,
    );
  if (subject.kind === "agentConnected" && !["true", "false"].includes(arg.toLowerCase()))
    throw new CqlSyntaxError(column, `agentConnected compares with true or false, found "${arg}"`);
}
