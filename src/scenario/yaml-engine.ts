/**
 * The position-keeping YAML engine (`yaml`), loaded on first use. A clean scenario is read by the fast
 * path (fast-yaml.ts, js-yaml) and never needs it; loading it costs more than reading a small scenario
 * (its dozens of modules take about 50 ms to load on the benchmark machine), so only a file with a problem,
 * a warning, or a construct the fast path refuses, and a `--set` value, pay for it.
 * Node loads `yaml` as CommonJS either way (its "node" export), so this is the same module instance an
 * `import ... from "yaml"` elsewhere gets.
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let engine: typeof Yaml | undefined;

export function yamlEngine(): typeof Yaml {
  engine ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return engine;
}
