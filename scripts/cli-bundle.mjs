// The command line as a few files instead of about 320 modules: bin/berth.js runs dist/cli/berth.js.
//
// Why: Node 20 resolves, reads and compiles every ES module on its own (and `yaml` loads dozens of CommonJS
// files), which cost about 0.12 CPU s of each `berth run` before any work; one bundle costs a fraction.
// What: esbuild bundles tsc's dist/cli/entry.js with the small libraries the run path imports (zod, yaml,
// js-yaml, simple-statistics, seedrandom, fflate, cli-progress). Commands and other lazily imported
// modules become chunks (dist/cli/berth-HASH.js) loaded only when used, so `berth --version` stays small.
// Every other dependency stays an import of the installed package: vega and vega-lite (charts), resvg
// (native), piscina (worker threads of its own), tsx (strategy files in TypeScript).
// The chunks sit beside tsc's dist/cli/*.js, at the same depth, so paths built from import.meta.url
// ("../../package.json", "./strategy-worker.js") resolve as they do there. Worker threads (strategy files,
// sweeps) still start from tsc's unbundled files.
// The bundled libraries stay dependencies of the package: the API (dist/api) and the workers import them,
// and their licences ship with them in node_modules.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/** Dependencies bundled into the command line; the others are imported from node_modules at run time. */
const BUNDLED = new Set([
  "zod",
  "yaml",
  "js-yaml",
  "simple-statistics",
  "seedrandom",
  "fflate",
  "cli-progress",
]);

/**
 * Writes cli/berth.js and its chunks from cli/entry.js in `dist` (tsc's output; build.mjs builds in a
 * folder of its own that becomes dist/). `sourceStamp` is newestMtime(src) taken before tsc read the
 * source: bin/berth.js, in a clone, runs the bundle only while src/ is unchanged since then.
 */
export async function bundleCli(root, dist, sourceStamp) {
  const cli = join(dist, "cli");
  for (const f of readdirSync(cli)) if (/^berth(-[A-Z0-9]+)?\.js$/.test(f)) rmSync(join(cli, f));
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const external = Object.keys(pkg.dependencies)
    .filter((d) => !BUNDLED.has(d))
    .flatMap((d) => [d, `${d}/*`]);
  await build({
    entryPoints: { berth: join(cli, "entry.js") },
    outdir: cli,
    chunkNames: "berth-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external,
    // Bundled CommonJS libraries call require() for Node's own modules: give every chunk one.
    banner: {
      js: 'import { createRequire as __berthCreateRequire } from "node:module";\nconst require = __berthCreateRequire(import.meta.url);',
    },
    // Whitespace and syntax only (names stay, so stack traces and profiles still name functions): Node
    // parses every byte of a chunk it loads, and this cut `berth run`'s module loading by about 8%.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "eof",
    logLevel: "warning",
  });
  writeFileSync(join(cli, "berth.stamp"), `${sourceStamp}\n`);
}
