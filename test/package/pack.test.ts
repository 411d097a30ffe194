/**
 * The package as a user gets it: `npm pack` (which builds dist/ through prepack), then, in a fresh folder
 * outside the repository, the tarball installed and docs/strategies.md's "A strategy in your own project"
 * followed to the letter: its strategy and test files (taken from the page), its test command, `npx berth`
 * with the strategy file, and a type check against the package's declarations. Dependencies install from
 * npm's local cache where it has them (--prefer-offline).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const VERSION = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${r.status}:\n${out.slice(-3000)}`);
  return r.stdout;
}

/** The files docs/strategies.md shows for a fresh folder: `<!-- fresh-folder: NAME -->` then a fenced block. */
function freshFolderFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of markdown.matchAll(/<!-- fresh-folder: (\S+) -->\n```\w*\n([\s\S]*?)```/g))
    files.set(m[1]!, m[2]!);
  return files;
}

const TINY = `name: tiny-pack
seed: 3
horizon: 20m
cluster:
  instances: [{ type: m5.large, count: 3 }]
taskDefinitions:
  - { family: web, containerDefinitions: [{ name: a, cpu: 256, memory: 1024 }] }
workload:
  - { taskDefinition: web, arrival: { type: interval, every: 1m }, duration: { type: constant, value: 10m } }
strategies:
  - { name: binpack-memory, placementStrategy: [{ type: binpack, field: memory }] }
`;

describe("the packed package", () => {
  let dir: string;
  let tarball: string;
  let packed: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "berth-pack-"));
    const out = sh("npm", ["pack", "--json", "--pack-destination", dir], ROOT);
    const info = JSON.parse(out.slice(out.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, info[0]!.filename);
    packed = info[0]!.files.map((f) => f.path);
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

  it("ships the built CLI (bundled), the API and its types, and no tests, fixtures, reports or sources", () => {
    for (const f of [
      "package.json",
      "README.md",
      "LICENSE",
      "bin/berth.js",
      "bin/source-stamp.js",
      "bin/code-cache.js",
      "dist/cli/berth.cjs",
      "dist/cli/berth.cjs.cache",
      "dist/cli/entry.js",
      "dist/api/index.js",
      "dist/api/index.d.ts",
      "dist/testing/index.js",
      "dist/testing/index.d.ts",
      "scenarios/quickstart.yaml",
    ])
      expect(packed).toContain(f);
    const unexpected = packed.filter(
      (f) =>
        !/^(package\.json|README\.md|LICENSE)$/.test(f) &&
        !/^(dist|bin)\//.test(f) &&
        !/^scenarios\/([^/]+\.(yaml|schema\.json)|traces\/[^/]+\.csv|strategies\/[^/]+\.ts)$/.test(f),
    );
    expect(unexpected).toEqual([]);
    expect(
      packed.filter(
        // Example strategy files a shipped scenario names (scenarios/strategies/) are the one kind of .ts shipped.
        (f) =>
          /(^|\/)(test|fixtures?|reports|src)\/|\.test\.|\.ts$/.test(f) &&
          !f.endsWith(".d.ts") &&
          !f.startsWith("scenarios/strategies/"),
      ),
    ).toEqual([]);
  });

  it("installs into a fresh folder where the documented strategy, its test and npx berth work", () => {
    const user = join(dir, "my-project");
    mkdirSync(user);
    writeFileSync(
      join(user, "package.json"),
      JSON.stringify({ name: "my-project", private: true, type: "module" }),
    );
    sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], user);

    const files = freshFolderFiles(readFileSync(join(ROOT, "docs/strategies.md"), "utf8"));
    expect([...files.keys()]).toEqual(["least-loaded.ts", "least-loaded.test.ts"]);
    for (const [name, text] of files) writeFileSync(join(user, name), text);

    // The build's code cache (bin/code-cache.js): V8 takes it where the package is installed (same Node).
    const installed = join(user, "node_modules", "berth");
    const cacheStatus = `import { loadBundle } from ${JSON.stringify(pathToFileURL(join(installed, "bin", "code-cache.js")).href)};
console.log(loadBundle(${JSON.stringify(join(installed, "dist", "cli", "berth.cjs"))}).cacheStatus);`;
    expect(sh(process.execPath, ["--input-type=module", "-e", cacheStatus], user).trim()).toBe("accepted");
    expect(sh("npx", ["berth", "--version"], user).trim()).toBe(VERSION);
    // Every scenario the package ships validates where it is installed: whatever a scenario refers to
    // (trace files, schema) is in the package's `files`.
    const shipped = join(user, "node_modules", "berth", "scenarios");
    const scenarios = readdirSync(shipped).filter((f) => f.endsWith(".yaml"));
    expect(scenarios).toContain("quickstart.yaml");
    sh("npx", ["berth", "validate", ...scenarios.map((f) => join(shipped, f))], user);
    // The strategy's own test, as the page runs it.
    sh(process.execPath, ["--import", "tsx", "--test", "least-loaded.test.ts"], user);

    writeFileSync(join(user, "tiny.yaml"), TINY);
    sh(
      "npx",
      [
        "berth",
        "run",
        "tiny.yaml",
        "--strategy",
        "./least-loaded.ts",
        "--strategy",
        "binpack-memory",
        "--quiet",
        "--out",
        "out",
      ],
      user,
    );
    const results = JSON.parse(readFileSync(join(user, "out", "results.json"), "utf8"));
    expect(results.strategies.map((s: { name: string }) => s.name)).toEqual([
      "least-loaded",
      "binpack-memory",
    ]);
    expect(results.strategies[0].runs[0].metrics.tasks.placed).toBeGreaterThan(0);

    // The user's TypeScript checks against the package's declarations (exports "." and "./testing").
    writeFileSync(
      join(user, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          skipLibCheck: true,
          // @types/node, as a Node project of the user's would install it.
          typeRoots: [join(ROOT, "node_modules/@types")],
          types: ["node"],
        },
        files: ["least-loaded.ts", "least-loaded.test.ts"],
      }),
    );
    sh(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], user);
  }, 300_000);
});
