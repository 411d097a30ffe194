/**
 * The import graph of src/ and the two rules the folders keep (docs/design.md "Layers"): no circle of
 * files importing each other, and no import from a folder to a folder above it in LAYERS.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** Bottom first: a folder may import only from its own layer's folder or the ones before it. */
export const LAYERS = [
  "core",
  "trace",
  "model",
  "placement",
  "metrics",
  "scenario",
  "sim",
  "import",
  "stats",
  "measure",
  "report",
  "sweep",
  "cli",
  "testing",
  "api",
] as const;

/** File (relative to the root, "/"-separated) -> the files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?["'](\.{1,2}\/[^"']+)["']/g;

/** Relative imports of every .ts file under `root` (package imports are not edges). */
export function readImportGraph(root: string): ImportGraph {
  const graph = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        const from = relative(root, path).split("\\").join("/");
        const text = readFileSync(path, "utf8");
        const targets = [...text.matchAll(IMPORT)].map((m) =>
          normalize(join(dirname(from), m[1]!))
            .split("\\")
            .join("/"),
        );
        graph.set(from, targets);
      }
    }
  };
  walk(root);
  return graph;
}

/** The circles: strongly connected groups of two or more files (or a file importing itself), sorted. */
export function importCircles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * "from -> to" for every import that leaves its folder for a later one in `layers` (or for a top folder
 * missing from `layers`: a new folder must be given its place).
 */
export function upwardImports(graph: ImportGraph, layers: readonly string[] = LAYERS): string[] {
  const layerOf = (file: string): number => layers.indexOf(file.split("/")[0]!);
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const a = layerOf(from);
      const b = layerOf(to);
      if (a < 0 || b < 0 || b > a) out.push(`${from} -> ${to}`);
    }
  }
  return out.sort();
}

/** Imports naming a file that does not exist under the root (the graph would miss an edge). */
export function unresolvedImports(graph: ImportGraph): string[] {
  return [...graph].flatMap(([from, targets]) =>
    targets.filter((t) => !graph.has(t)).map((t) => `${from} -> ${t}`),
  );
}
