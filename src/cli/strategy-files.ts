/**
 * Loads user strategy files: `berth run s.yaml --strategy ./my-strategy.ts`, or a chain step whose type is
 * a path (resolved against the scenario's folder). A file default-exports (or exports as `strategy`)
 * either `defineStrategy({...})` or a plain object of the same shape. Problems are usage errors (exit 2).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { didYouMean } from "../core/nearest.ts";
import { Cluster } from "../model/cluster.ts";
import { ClusterView } from "../placement/cluster-view.ts";
import { compileChain } from "../placement/registry.ts";
import { defineStrategy, type StrategyDefinition, type StrategyInput } from "../placement/strategy.ts";
import { describeChain, type StrategySpec } from "../placement/strategy-spec.ts";
import { TaskGroups } from "../placement/task-groups.ts";
import { ensureTypeScriptLoader } from "./typescript-loader.ts";
import { UsageError } from "./usage-error.ts";

export async function loadStrategyFile(path: string, shownAs: string): Promise<StrategyDefinition> {
  let mod: Record<string, unknown>;
  if (!existsSync(path)) {
    const near = didYouMean(basename(path), siblings(path));
    throw new UsageError(`strategy file ${shownAs} does not exist${near}`);
  }
  try {
    await ensureTypeScriptLoader(path);
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`cannot load strategy file ${shownAs}: ${loadFailure(e)}`);
  }
  const exported = mod.default ?? mod.strategy;
  if (exported === null || typeof exported !== "object")
    throw new UsageError(
      `strategy file ${shownAs} exports no strategy (write: export default defineStrategy({ name, score(i, task) { ... } }))`,
    );
  const shape = shapeProblem(exported as Record<string, unknown>);
  if (shape !== undefined) throw new UsageError(`strategy file ${shownAs}: ${shape}`);
  try {
    const e = exported as Partial<StrategyDefinition>;
    // Already normalized by defineStrategy (name, description and setup) or a plain object to normalize.
    if (typeof e.setup === "function" && typeof e.name === "string" && typeof e.description === "string")
      return e as StrategyDefinition;
    return defineStrategy(exported as StrategyInput);
  } catch (e) {
    throw new UsageError(`strategy file ${shownAs}: ${(e as Error).message}`);
  }
}

const HOOKS = ["setup", "filter", "score", "place", "rebalance"] as const;

/** Why the exported object is not a strategy (a hook that is no function, a name that is no text). */
function shapeProblem(exported: Record<string, unknown>): string | undefined {
  if (typeof exported.name !== "string" || exported.name === "")
    return `the strategy needs a name (a non-empty string), got ${describeValue(exported.name)}`;
  for (const hook of HOOKS) {
    const v = exported[hook];
    if (v !== undefined && typeof v !== "function")
      return `${hook} must be a function, got ${describeValue(v)}`;
  }
  if (exported.description !== undefined && typeof exported.description !== "string")
    return `description must be a string, got ${describeValue(exported.description)}`;
  return undefined;
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return `a string (${JSON.stringify(v.slice(0, 40))})`;
  if (typeof v === "number" || typeof v === "boolean") return `a ${typeof v} (${String(v)})`;
  return Array.isArray(v) ? "an array" : typeof v === "undefined" ? "nothing" : `an ${typeof v}`;
}

/** One line saying why importing a strategy file failed, with the way out for known Node module traps. */
function loadFailure(e: unknown): string {
  const message = String((e as Error)?.message ?? e);
  const code = (e as NodeJS.ErrnoException)?.code ?? "";
  if (
    /Cannot require\(\) ES Module|require\(\) of ES Module/.test(message) ||
    code.startsWith("ERR_REQUIRE")
  ) {
    return (
      'Node loads it as CommonJS (no package.json with "type": "module" in its folder or above), which ' +
      'cannot run its import/export; rename it to .mts, or add a package.json saying {"type": "module"} beside it'
    );
  }
  return message.split("\n")[0]!;
}

/** Loads every strategy file the specs name and checks each chain once, so runs cannot fail on setup. */
export async function loadStrategyModules(
  specs: StrategySpec[],
  portUniverse: string[],
  /** Wraps each loaded definition (the strategy watchdog marks its hooks). */
  wrap: (def: StrategyDefinition) => StrategyDefinition = (def) => def,
): Promise<StrategySpec[]> {
  const out: StrategySpec[] = [];
  for (const spec of specs) {
    if (!spec.modulePaths) {
      out.push(spec);
      continue;
    }
    const modules = new Map<string, StrategyDefinition>();
    const hashes: string[] = [];
    for (const [type, path] of Object.entries(spec.modulePaths)) {
      modules.set(type, wrap(await loadStrategyFile(path, type)));
      const digest = createHash("sha256").update(readFileSync(path)).digest("hex");
      hashes.push(`${type} sha256:${digest.slice(0, 12)}`);
    }
    const probe = new Cluster(portUniverse);
    const groups = new TaskGroups(probe);
    let rebalances: boolean;
    try {
      const compiled = compileChain(spec.placementStrategy, {
        view: new ClusterView(probe, groups),
        groups,
        seed: 0,
        taskMix: [],
        modules,
      });
      rebalances = compiled.rebalance !== null;
    } catch (e) {
      throw new UsageError(`strategy "${spec.name}": step ${(e as Error).message}`);
    }
    if (spec.rebalance?.rebalancer === "strategy-file" && !rebalances)
      throw new UsageError(
        `strategy "${spec.name}": rebalancer strategy-file needs a strategy file defining rebalance(view, now), and no step of its chain does`,
      );
    // A one-file chain takes the strategy's description (unless the scenario wrote one), and
    // `--strategy ./file.ts` runs under the strategy's own name.
    const step = spec.placementStrategy[0]!.type;
    const single = spec.placementStrategy.length === 1 ? modules.get(step) : undefined;
    const fromCommandLine =
      single !== undefined && spec.name === step && !specs.some((s) => s.name === single.name);
    const named = fromCommandLine ? { name: single.name } : {};
    const base =
      single && spec.description === describeChain(spec.placementStrategy)
        ? single.description
        : spec.description;
    // The files' content hashes go into the description, so results name exactly which code ran.
    const description = `${base} [${hashes.join(", ")}]`;
    out.push({ ...spec, ...named, description, modules });
  }
  return out;
}

/** The strategy spec for `--strategy ./file.ts`: a one-step chain named after the strategy. */
export function strategySpecForFile(pathArg: string): StrategySpec {
  const chain = [{ type: pathArg }];
  return {
    name: pathArg,
    description: describeChain(chain),
    placementStrategy: chain,
    constraints: [],
    modulePaths: { [pathArg]: resolve(pathArg) },
  };
}

/** The file names beside `path` (for a did-you-mean on a misspelt strategy file). */
function siblings(path: string): string[] {
  try {
    return readdirSync(dirname(path)).filter((name) => /\.[cm]?[jt]s$/.test(name));
  } catch {
    return [];
  }
}
