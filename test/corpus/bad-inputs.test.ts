/**
 * The bad-input corpus (issue 13): seeded mutations of every shipped scenario, each validated through the
 * real command line (main(["validate", file]) in-process, so hundreds of cases fit well under a minute).
 * For every case: exit 0 or 2 (never 1, never a crash), every stderr line `file:line:col [path:] message`
 * (or a warning line of that form), no stack trace, no engine text, no raw control character, within a
 * CPU-time bound per case and in total, and a bounded heap. The shipped JSON Schema, applied by a full
 * validator (ajv, draft 2020-12), and berth agree: whatever the schema rejects berth rejects (exit 2), and
 * whatever berth accepts the schema accepts. Then every mutation validate accepted is run (`berth run`,
 * one seed): exit 0, 1 or 2 with one-line messages, never a crash, a stack trace or a hang.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.ts";
import { RAW_CONTROL } from "../helpers/cli.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;

const SCHEMA = JSON.parse(readFileSync("scenarios/scenario.schema.json", "utf8")) as Schema;
/** A full JSON Schema (2020-12) validator of the shipped schema, as an editor would apply it. */
const schemaAccepts = new Ajv2020({ strict: false, allErrors: true }).compile(SCHEMA);
const SHIPPED = readdirSync("scenarios")
  .filter((f) => f.endsWith(".yaml") && f !== "scale-1m.yaml")
  .map((f) => ({ name: f, text: readFileSync(join("scenarios", f), "utf8") }));

/** `file:line:col [field.path:] message`, or `file: message` for a strategy file the scenario names. */
const PROBLEM_LINE = /^(warning: )?[^\s:][^:]*(:\d+:\d+ (\S+: )?\S.*|: \S.*)$/;
const ENGINE_TEXT =
  /Maximum call stack|Unresolved alias|Excessive alias|TypeError|ReferenceError|RangeError|Cannot read prop|is not a function|undefined is not|\[object Object\]|NaN/;

interface Case {
  label: string;
  text: string;
  /** Exit code the mutation must produce, when the schema decides it. */
  expect?: 2;
}

/** Every (path, value) leaf and object of a document. */
function nodes(doc: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  const out = [{ path, value: doc }];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...nodes(v, [...path, i])));
  else if (doc !== null && typeof doc === "object")
    for (const [k, v] of Object.entries(doc)) out.push(...nodes(v, [...path, k]));
  return out;
}

/** The JSON Schema node for a path (through properties, items, additionalProperties); undefined if unsure. */
function schemaAt(path: (string | number)[]): Schema | undefined {
  let node: Schema | undefined = SCHEMA;
  for (const part of path) {
    if (!node) return undefined;
    if (typeof part === "number") node = node.items as Schema | undefined;
    else
      node =
        (node.properties as Record<string, Schema> | undefined)?.[part] ??
        (typeof node.additionalProperties === "object" ? (node.additionalProperties as Schema) : undefined);
  }
  return node;
}

function jsonType(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Whether the schema node declares one plain type that `v` does not have. */
function violatesType(schema: Schema | undefined, v: Json): boolean {
  if (!schema || typeof schema.type !== "string" || schema.anyOf || schema.oneOf) return false;
  const t = jsonType(v);
  if (schema.type === t) return false;
  if (schema.type === "number" && t === "integer") return false;
  return true;
}

function setAt(doc: Json, path: (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return value ?? null;
  let node = copy as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const ODD_VALUES: Json[] = [
  0,
  -1,
  1e30,
  1e-30,
  "",
  "0s",
  "-5m",
  "1e400",
  "abc",
  true,
  null,
  [],
  {},
  "__proto__",
  "a\u0000b\u001b[31m",
  "<script>alert(1)</script>",
  "x".repeat(300),
];

function mutants(count: number, seed: number): Case[] {
  const cases: Case[] = [];
  const arb = fc.record({
    file: fc.integer({ min: 0, max: SHIPPED.length - 1 }),
    kind: fc.integer({ min: 0, max: 4 }),
    pick: fc.nat(),
    value: fc.constantFrom(...ODD_VALUES),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  for (const m of fc.sample(arb, { seed, numRuns: count })) {
    const shipped = SHIPPED[m.file]!;
    const doc = parse(shipped.text) as Json;
    const all = nodes(doc).filter((n) => n.path.length > 0 && n.path[0] !== "$schema");
    const target = all[m.pick % all.length]!;
    const where = `${shipped.name} ${target.path.join(".")}`;
    switch (m.kind) {
      case 0: {
        // A value of another kind where the schema says what belongs.
        const schema = schemaAt(target.path);
        cases.push({
          label: `${where} = ${JSON.stringify(m.value)}`,
          text: stringify(setAt(doc, target.path, m.value)),
          ...(violatesType(schema, m.value) ? { expect: 2 as const } : {}),
        });
        break;
      }
      case 1:
        cases.push({ label: `${where} deleted`, text: stringify(setAt(doc, target.path, undefined)) });
        break;
      case 2: {
        // An unknown key in an object the schema closes.
        const objects = all.filter(
          (n) => n.value !== null && typeof n.value === "object" && !Array.isArray(n.value),
        );
        const obj = objects[m.pick % Math.max(1, objects.length)] ?? { path: [], value: doc };
        const schema = schemaAt(obj.path);
        const closed = schema?.additionalProperties === false;
        cases.push({
          label: `${shipped.name} ${obj.path.join(".")} + unknown key`,
          text: stringify(setAt(doc, [...obj.path, "bogusField"], 1)),
          ...(closed ? { expect: 2 as const } : {}),
        });
        break;
      }
      case 3: {
        // The file cut short anywhere.
        const at = Math.floor(m.cut * shipped.text.length);
        cases.push({ label: `${shipped.name} cut at ${at}`, text: shipped.text.slice(0, at) });
        break;
      }
      default: {
        // A character of the text replaced by YAML punctuation.
        const at = Math.floor(m.cut * shipped.text.length);
        const c = ":[]{}&*!|>'\"%@`#,-"[m.pick % 19]!;
        cases.push({
          label: `${shipped.name} char ${at} -> ${c}`,
          text: shipped.text.slice(0, at) + c + shipped.text.slice(at + 1),
        });
      }
    }
  }
  return cases;
}

/** Fixed hostile documents the generator would rarely produce. */
const FIXED: Case[] = [
  { label: "deep brackets", text: `name: ${"[".repeat(2000)}${"]".repeat(2000)}\n`, expect: 2 },
  { label: "deep maps", text: `a: ${"{b: ".repeat(2000)}1${"}".repeat(2000)}\n`, expect: 2 },
  { label: "alias without anchor", text: "name: *nothing\n", expect: 2 },
  {
    label: "alias bomb",
    text: `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
      { length: 8 },
      (_, i) =>
        `b${i}: &b${i} [${Array(10)
          .fill(i === 0 ? "*a" : `*b${i - 1}`)
          .join(", ")}]`,
    ).join("\n")}\nname: *b7\n`,
    expect: 2,
  },
  { label: "empty file", text: "", expect: 2 },
  { label: "a list, not a mapping", text: "- 1\n- 2\n", expect: 2 },
  { label: "binary noise", text: "\u0000\u0001\u0002\u00ff\ufffe", expect: 2 },
  { label: "duplicate keys", text: "name: a\nname: b\n", expect: 2 },
];

/** The document a YAML text holds, or undefined when it is no YAML (the parser's own verdict). */
function yamlDocument(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

describe("the shipped JSON Schemas", () => {
  it("accept every shipped scenario and sweep file (full draft 2020-12 validation)", () => {
    const sweepAccepts = new Ajv2020({ strict: false, allErrors: true }).compile(
      JSON.parse(readFileSync("scenarios/sweep.schema.json", "utf8")) as Schema,
    );
    const files = readdirSync("scenarios", { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) {
      const accepts = f.startsWith("sweeps") ? sweepAccepts : schemaAccepts;
      expect(
        accepts(parse(readFileSync(join("scenarios", f), "utf8"))),
        `${f}: ${JSON.stringify(accepts.errors)}`,
      ).toBe(true);
    }
  });
});

describe("bad-input corpus", () => {
  const dir = mkdtempSync(join(tmpdir(), "berth-corpus-"));
  const errors: string[] = [];
  const logs: string[] = [];

  beforeAll(() => {
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
      errors.push(a.join(" "));
    });
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
      logs.push(a.join(" "));
    });
  });
  afterAll(() => vi.restoreAllMocks());

  const cases = [...FIXED, ...mutants(360, 20261201)];
  /** validate's exit code per case, for the runs below. */
  const codes: number[] = [];

  it(`answers ${cases.length} bad inputs with exit 0/2, one-line problems, no engine text, in bounded time and memory`, async () => {
    const started = process.cpuUsage();
    let rejected = 0;
    for (const [k, c] of cases.entries()) {
      const file = join(dir, `case-${k}.yaml`);
      writeFileSync(file, c.text);
      errors.length = 0;
      // CPU time, not wall time: the bound must hold on a machine busy with other work.
      const t0 = process.cpuUsage();
      const code = await main(["validate", file]);
      codes[k] = code;
      const cpu = process.cpuUsage(t0);
      const ms = (cpu.user + cpu.system) / 1000;
      const label = `${c.label} (case-${k}.yaml): ${errors.join(" / ")}`;
      const lines = errors.flatMap((e) => e.split("\n"));
      expect([0, 2], label).toContain(code);
      if (c.expect !== undefined) expect(code, label).toBe(c.expect);
      if (code === 2) rejected++;
      for (const line of lines) {
        expect(line.startsWith(file) || line.startsWith(`warning: ${file}`), label).toBe(true);
        expect(line, label).toMatch(PROBLEM_LINE);
        expect(line, label).not.toMatch(ENGINE_TEXT);
        expect(line, label).not.toMatch(RAW_CONTROL);
        expect(line, label).not.toMatch(/^\s+at /);
      }
      if (code === 2) expect(errors.length, label).toBeGreaterThan(0);
      expect(ms, label).toBeLessThan(3000);
      const doc = yamlDocument(c.text);
      if (doc !== undefined) {
        const accepted = schemaAccepts(doc);
        const why = `${label} | schema: ${JSON.stringify(schemaAccepts.errors?.slice(0, 3))}`;
        if (!accepted) expect(code, why).toBe(2);
        if (code === 0) expect(accepted, why).toBe(true);
      }
    }
    // Most mutations must be caught; the corpus would be toothless otherwise.
    expect(rejected).toBeGreaterThan(cases.length / 3);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1.5 * 2 ** 30);
    const total = process.cpuUsage(started);
    expect((total.user + total.system) / 1000).toBeLessThan(40_000);
  }, 300_000);

  it("runs every mutation validate accepted: exit 0/1/2, one-line messages, no crash, bounded", async () => {
    const started = process.cpuUsage();
    let ran = 0;
    for (const [k, c] of cases.entries()) {
      if (codes[k] !== 0) continue;
      const file = join(dir, `case-${k}.yaml`);
      errors.length = 0;
      const t0 = process.cpuUsage();
      const code = await main(["run", file, "--quiet", "--seeds", "1", "--out", join(dir, `out-${k}`)]);
      const cpu = process.cpuUsage(t0);
      const label = `${c.label} (case-${k}.yaml, run): ${errors.join(" / ")}`;
      expect([0, 1, 2], label).toContain(code);
      for (const line of errors.flatMap((e) => e.split("\n"))) {
        expect(line, label).toMatch(/^(berth: |gate tripped: |warning: )\S/);
        expect(line, label).not.toMatch(
          /TypeError|ReferenceError|Cannot read prop|is not a function|\[object Object\]/,
        );
        expect(line, label).not.toMatch(RAW_CONTROL);
        expect(line, label).not.toMatch(/^\s+at /);
      }
      // 1 is a tripped gate or a run that failed with its reason, never an unexplained exit.
      if (code !== 0) expect(errors.length, label).toBeGreaterThan(0);
      expect((cpu.user + cpu.system) / 1000, label).toBeLessThan(30_000);
      ran++;
    }
    expect(ran).toBeGreaterThan(20);
    const total = process.cpuUsage(started);
    expect((total.user + total.system) / 1000).toBeLessThan(240_000);
  }, 300_000);
});
