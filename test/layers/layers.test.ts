import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  type ImportGraph,
  importCircles,
  LAYERS,
  readImportGraph,
  unresolvedImports,
  upwardImports,
} from "./import-graph.ts";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));

describe("src/ layers", () => {
  const graph = readImportGraph(SRC);

  it("reads every import (no edge lost to a path the reader cannot resolve)", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(unresolvedImports(graph)).toEqual([]);
  });

  it("has no circle of files importing each other", () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it("imports only downward: core < model < placement < metrics < scenario < sim < stats < measure < report < sweep < cli", () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it("names every top folder of src/ in the stack", () => {
    const folders = new Set([...graph.keys()].map((f) => f.split("/")[0]!));
    expect([...folders].filter((f) => !(LAYERS as readonly string[]).includes(f))).toEqual([]);
  });
});

describe("the checks fail on a bad graph", () => {
  const bad: ImportGraph = new Map([
    ["core/a.ts", ["core/b.ts"]],
    ["core/b.ts", ["core/c.ts", "model/x.ts"]],
    ["core/c.ts", ["core/a.ts"]],
    ["model/x.ts", ["core/a.ts"]],
    ["model/self.ts", ["model/self.ts"]],
    ["cli/main.ts", ["report/r.ts"]],
    ["report/r.ts", ["cli/main.ts"]],
    ["newfolder/n.ts", ["core/a.ts"]],
  ]);

  it("finds each circle, including one through two folders and a self-import", () => {
    expect(importCircles(bad)).toEqual([
      ["cli/main.ts", "report/r.ts"],
      ["core/a.ts", "core/b.ts", "core/c.ts", "model/x.ts"],
      ["model/self.ts"],
    ]);
  });

  it("finds each upward import and each folder outside the stack", () => {
    expect(upwardImports(bad)).toEqual([
      "core/b.ts -> model/x.ts",
      "newfolder/n.ts -> core/a.ts",
      "report/r.ts -> cli/main.ts",
    ]);
  });

  it("reads import, import type, export from, and multi-line imports", () => {
    const files = readImportGraph(fileURLToPath(new URL("./fixture", import.meta.url)));
    expect(files.get("low/a.ts")).toEqual(["high/b.ts", "low/c.ts", "low/d.ts", "high/b.ts"]);
    expect(upwardImports(files, ["low", "high"])).toEqual(["low/a.ts -> high/b.ts", "low/a.ts -> high/b.ts"]);
    expect(unresolvedImports(files)).toEqual([]);
    expect(unresolvedImports(new Map([["core/a.ts", ["core/gone.ts"]]]))).toEqual([
      "core/a.ts -> core/gone.ts",
    ]);
  });
});
