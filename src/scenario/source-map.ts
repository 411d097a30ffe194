/**
 * Parses YAML (and so JSON) keeping node positions, so a field path can be turned back into line:col.
 * A plain document is read by the fast path first (fast-yaml.ts: the same data, no positions); its
 * positions are then built only when something asks for one (an error or a warning), with `yaml`, loaded
 * on first use (yaml-engine.ts).
 */
import type { Document, Node } from "yaml";
import { fastYamlData, NO_FAST_PATH } from "./fast-yaml.ts";
import type { FieldPath, Problem } from "./problems.ts";
import { yamlEngine } from "./yaml-engine.ts";

export interface SourceDocument {
  file: string;
  data: unknown;
  syntaxProblems: Problem[];
  /** Position of the deepest node along the path that exists (the key for a map entry). */
  locate(path: FieldPath): { line: number; col: number };
  problem(path: FieldPath, message: string): Problem;
  /** True when the data came from the fast path: positions are built on first use (see the header). */
  positionsOnDemand?: boolean;
}

/** Aliases a document may expand to before it is refused as a resource-exhaustion ("billion laughs") attack. */
export const MAX_ALIAS_COUNT = 1000;

/** The YAML engine's message as one line a user can act on (engine internals named in plain words). */
function yamlMessage(message: string): string {
  const first = message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
  if (/Maximum call stack size exceeded/i.test(first))
    return "YAML: nested too deeply (brackets or indentation thousands of levels deep)";
  const alias = /^Unresolved alias.*?: (.*)$/.exec(first);
  if (alias) return `YAML: alias *${alias[1]} refers to no anchor &${alias[1]} defined before it`;
  if (/Excessive alias count/i.test(first))
    return `YAML: aliases expand to more than ${MAX_ALIAS_COUNT} nodes (refused as a resource-exhaustion attack)`;
  return `YAML: ${first}`;
}

/** Where a failure of the whole document points: the first use of the named alias, else 1:1. */
function aliasOffset(text: string, message: string): number {
  const name = /^Unresolved alias.*?: (.*)$/.exec(message.split("\n")[0]!)?.[1];
  if (name !== undefined) {
    const at = text.indexOf(`*${name}`);
    if (at >= 0) return at;
  }
  if (/Excessive alias count/i.test(message)) return Math.max(0, text.search(/\*[^\s,\]}]/));
  return 0;
}

/**
 * The document's data and a way to locate field paths in it. `positions: true` always parses with positions
 * (what the loader does to report problems found in fast-path data exactly as the full parse would).
 */
export function parseSource(
  file: string,
  text: string,
  options: { positions?: boolean } = {},
): SourceDocument {
  const data = options.positions ? NO_FAST_PATH : fastYamlData(text);
  if (data === NO_FAST_PATH) return parseWithPositions(file, text);
  let full: SourceDocument | undefined;
  const withPositions = () => (full ??= parseWithPositions(file, text));
  return {
    file,
    data,
    syntaxProblems: [],
    locate: (path) => withPositions().locate(path),
    problem: (path, message) => withPositions().problem(path, message),
    positionsOnDemand: true,
  };
}

function parseWithPositions(file: string, text: string): SourceDocument {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yamlEngine();
  const lineCounter = new LineCounter();
  const whole = (offset: number, message: string): Problem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col, path: [], message: yamlMessage(message) };
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    // The parser itself gave up (a stack overflow on absurd nesting): one problem, no document.
    return failedSource(file, whole(0, String((e as Error)?.message ?? e)));
  }
  const syntaxProblems: Problem[] = doc.errors.map((e) => whole(e.pos[0], e.message));
  let data: unknown;
  if (syntaxProblems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const message = String((e as Error)?.message ?? e);
      syntaxProblems.push(whole(aliasOffset(text, message), message));
    }
  }

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
    data: syntaxProblems.length > 0 ? undefined : data,
    syntaxProblems,
    locate,
    problem: (path, message) => ({ file, ...locate(path), path, message }),
  };
}

function failedSource(file: string, problem: Problem): SourceDocument {
  return {
    file,
    data: undefined,
    syntaxProblems: [problem],
    locate: () => ({ line: problem.line, col: problem.col }),
    problem: (path, message) => ({ file, line: problem.line, col: problem.col, path, message }),
  };
}
