/**
 * Parses YAML (and so JSON) keeping node positions, so a field path can be turned back into line:col.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { FieldPath, Problem } from "./problems.ts";

export interface SourceDocument {
  file: string;
  data: unknown;
  syntaxProblems: Problem[];
  /** Position of the deepest node along the path that exists (the key for a map entry). */
  locate(path: FieldPath): { line: number; col: number };
  problem(path: FieldPath, message: string): Problem;
}

export function parseSource(file: string, text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxProblems: Problem[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    const message = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
    return { file, line: pos.line, col: pos.col, path: [], message: `YAML: ${message}` };
  });

  const position = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };

  const locate = (path: FieldPath) => {
    let node: unknown = doc.contents;
    let best = position((node as Node | null)?.range?.[0] ?? 0);
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => (isScalar(it.key) ? it.key.value : it.key) === part);
        if (!pair) break;
        const key = pair.key as Node | null;
        if (key?.range) best = position(key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof part === "number") {
        const item = node.items[part] as Node | undefined;
        if (!item) break;
        if (item.range) best = position(item.range[0]);
        node = item;
      } else {
        break;
      }
    }
    return best;
  };

  return {
    file,
    data: syntaxProblems.length > 0 ? undefined : doc.toJS({ maxAliasCount: 1000 }),
    syntaxProblems,
    locate,
    problem: (path, message) => ({ file, ...locate(path), path, message }),
  };
}
