// The command line as one file instead of about 320 modules: bin/berth.js runs dist/cli/berth.cjs through
// bin/code-cache.js, with V8's code cache dist/cli/berth.cjs.cache.
//
// Why: Node 20 resolves, reads and compiles every ES module on its own (and `yaml` loads dozens of CommonJS
// files), which cost about 0.12 CPU s of each `berth run` before any work; one bundle costs a fraction. And
// Node 20 keeps compiled code between runs only for classic scripts (vm.Script cachedData), so the bundle
// is CommonJS: with the cache, compiling it costs about a third of what it does without.
// What: esbuild bundles tsc's dist/cli/main.js with the small libraries the run path imports (zod, yaml,
// js-yaml, simple-statistics, seedrandom). Commands and other lazily imported modules
// stay lazy inside it: their code is only evaluated when used (and only parsed in full when called).
// Every other dependency stays an import of the installed package: vega and vega-lite (charts), resvg
// (native), piscina (worker threads of its own), tsx (strategy files in TypeScript). The chart renderer
// (report/static-charts.js) stays tsc's ES module, imported when --svg/--png asks for it: vega uses
// top-level await, which require() cannot load.
// The bundle sits beside tsc's dist/cli/*.js, at the same depth, so paths built from import.meta.url
// ("../../package.json", "./strategy-worker.js") resolve as they do there; inside the bundle import.meta is
// an object with the bundle's URL. Worker threads (strategy files, sweeps) still start from tsc's files.
// The bundled libraries stay dependencies of the package: the API (dist/api) and the workers import them,
// and their licences ship with them in node_modules.
// Then the build runs a small `berth run` from the bundle and writes the code cache V8 holds after it.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * Dependencies bundled into the command line; the others are imported from node_modules at run time. Some
 * are loaded on first use with createRequire, which esbuild leaves alone: yaml for messages with positions
 * (the import command bundles it), fflate for gzip traces, cli-progress for live bars.
 */
const BUNDLED = new Set(["zod", "yaml", "js-yaml", "simple-statistics", "seedrandom"]);

/**
 * The import() calls of the bundled modules that load a module from outside the bundle, rewritten to call
 * __berthImport (bin/code-cache.js passes Node's own import()). Left as import() they would fail once the
 * code comes from the cache: Node 20 does not give functions compiled from a code cache the loader their
 * script was given ("A dynamic import callback was not specified"). The chart renderer
 * (report/static-charts.js) stays tsc's ES module: vega uses top-level await, which require() cannot load;
 * from the bundle (dist/cli/) "../report/" is its folder, as from tsc's report-files.js.
 * A new import() of an outside module fails the build until it is listed here.
 */
const OUTSIDE_IMPORTS = [
  { file: "cli/typescript-loader.js", from: 'import("tsx/esm/api")', to: '__berthImport("tsx/esm/api")' },
  {
    file: "cli/strategy-files.js",
    from: "import(__rewriteRelativeImportExtension(",
    to: "__berthImport(__rewriteRelativeImportExtension(",
  },
  {
    file: "report/report-files.js",
    from: 'import("./static-charts.js")',
    to: '__berthImport(new URL("../report/static-charts.js", import.meta.url).href)',
  },
];

/** The command the build runs to fill the code cache: a short M/M/c queue through `berth run`. */
const WARM_UP = `name: warm-up
horizon: 600
pending: queue
cluster:
  instanceTypes:
    server: { cpu: 1024, memory: 1024, pricePerHour: 0.1 }
  instances: [{ type: server, count: 10 }]
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: job, cpu: 1024, memory: 1024 }]
workload:
  - taskDefinition: job
    arrival: { type: poisson, ratePerSecond: 9 }
    duration: { type: exponential, mean: 1 }
strategies: [{ name: first-fit, placementStrategy: [{ type: first-fit }] }]
`;

/**
 * Writes cli/berth.cjs and its code cache from cli/main.js in `dist` (tsc's output; build.mjs builds in a
 * folder of its own that becomes dist/). `sourceStamp` is newestMtime(src) taken before tsc read the
 * source: bin/berth.js, in a clone, runs the bundle only while src/ is unchanged since then.
 */
export async function bundleCli(root, dist, sourceStamp) {
  const cli = join(dist, "cli");
  for (const f of readdirSync(cli))
    if (/^berth(-[A-Z0-9]+)?\.(c?js|cjs\.cache)$/.test(f)) rmSync(join(cli, f));
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const external = Object.keys(pkg.dependencies)
    .filter((d) => !BUNDLED.has(d))
    .flatMap((d) => [d, `${d}/*`]);
  const bundle = join(cli, "berth.cjs");
  const built = await build({
    entryPoints: [join(cli, "main.js")],
    // Module names inside the bundle relative to dist/ ("cli/run.js"), the same whatever folder builds it.
    absWorkingDir: dist,
    outfile: bundle,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external,
    plugins: [outsideImports(dist)],
    metafile: true,
    // bin/code-cache.js runs the bundle as a CommonJS module body: __filename is the bundle's path.
    banner: {
      js: 'var __berthImportMeta = { url: require("node:url").pathToFileURL(__filename).href, resolve(s) { throw new Error("import.meta.resolve(" + JSON.stringify(s) + ") is not available in the bundled command line"); } };',
    },
    define: { "import.meta": "__berthImportMeta" },
    // Whitespace and syntax only (names stay, so stack traces and profiles still name functions): V8
    // parses every byte of the bundle, and this cut `berth run`'s module loading by about 8%.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "eof",
    logLevel: "warning",
  });
  const left = Object.values(built.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.kind === "dynamic-import" && i.external);
  if (left.length > 0)
    throw new Error(
      `cli-bundle: import() of ${left.map((i) => i.path).join(", ")} left in the bundle: list it in OUTSIDE_IMPORTS`,
    );
  // The id bin/code-cache.js keys the code cache on (V8 itself only compares the source's length).
  const text = readFileSync(bundle, "utf8");
  const id = createHash("sha256").update(text).digest("hex").slice(0, 24);
  writeFileSync(bundle, `// berth bundle ${id}\n${text}`);
  writeFileSync(join(cli, "berth.stamp"), `${sourceStamp}\n`);
  writeCodeCache(root, bundle);
}

/** Rewrites OUTSIDE_IMPORTS as esbuild reads tsc's files. */
function outsideImports(dist) {
  return {
    name: "outside-imports",
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, (args) => {
        const file = relative(dist, args.path).split(sep).join("/");
        const rewrites = OUTSIDE_IMPORTS.filter((r) => r.file === file);
        if (rewrites.length === 0) return undefined;
        let text = readFileSync(args.path, "utf8");
        for (const r of rewrites) {
          if (text.split(r.from).length !== 2)
            throw new Error(`cli-bundle: expected one ${r.from} in ${file} (OUTSIDE_IMPORTS is out of date)`);
          text = text.replace(r.from, r.to);
        }
        return { contents: text, loader: "js" };
      });
    },
  };
}

/** Runs WARM_UP from the bundle in a child process and writes the code cache V8 holds after it. */
function writeCodeCache(root, bundle) {
  const work = mkdtempSync(join(tmpdir(), "berth-warm-up-"));
  try {
    writeFileSync(join(work, "warm-up.yaml"), WARM_UP);
    const loader = pathToFileURL(join(root, "bin", "code-cache.js")).href;
    const argv = ["run", join(work, "warm-up.yaml"), "--out", join(work, "out"), "--quiet"];
    const program = `import { loadBundle, writeCodeCache } from ${JSON.stringify(loader)};
const { exports, script, id } = loadBundle(${JSON.stringify(bundle)});
const code = await exports.main(${JSON.stringify(argv)});
if (code !== 0) throw new Error("the warm-up run exited " + code);
if (id === undefined || !writeCodeCache(${JSON.stringify(bundle)}, script, id)) throw new Error("could not write the code cache");`;
    execFileSync(process.execPath, ["--input-type=module", "-e", program], { stdio: "inherit", cwd: work });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
