/**
 * Finds a Chromium or Chrome for the browser tests, in this order:
 *   1. `BERTH_CHROMIUM`, then `CHROME_PATH` (a path that is set but missing is an error, not a fall-through);
 *   2. a system Chromium/Chrome: the usual names on PATH, then the usual install locations per OS;
 *   3. on Linux x64, the Chromium shipped inside the `@sparticuz/chromium` dev dependency, unpacked into a
 *      folder of this run (about 200 MB, a second or two) and removed by `dispose()`.
 * Where none can be had, `findBrowser` throws one line saying how to point the tests at a browser.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";

export interface FoundBrowser {
  executablePath: string;
  /** Where it came from, for messages: "BERTH_CHROMIUM", "system", "@sparticuz/chromium". */
  source: string;
  /** Extra environment for the browser process (the packaged Chromium's own libraries). */
  env: Record<string, string>;
  /** Removes what finding it unpacked; safe to call more than once. */
  dispose(): void;
}

/** What `locateBrowser` looks at, injectable so the lookup order is testable. */
export interface BrowserHost {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  exists(path: string): boolean;
}

/** Flags for a headless, offline, throw-away browser. */
export const BROWSER_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const NO_BROWSER_HINT =
  "no Chromium or Chrome found: set BERTH_CHROMIUM=/path/to/chromium (or CHROME_PATH), " +
  "or install one (Debian/Ubuntu: apt-get install chromium; macOS: Google Chrome)";

const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

const INSTALL_LOCATIONS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"],
  darwin: [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
  ],
  win32: [
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
  ],
};

export type Located =
  | { kind: "path"; path: string; source: string }
  | { kind: "packaged" }
  | { kind: "none"; message: string };

/** Steps 1 and 2 of the lookup, and whether step 3 applies; touches nothing but `host.exists`. */
export function locateBrowser(host: BrowserHost): Located {
  for (const name of ["BERTH_CHROMIUM", "CHROME_PATH"]) {
    const value = host.env[name];
    if (value === undefined || value === "") continue;
    if (host.exists(value)) return { kind: "path", path: value, source: name };
    return {
      kind: "none",
      message: `${name}=${value} does not exist: point it at a Chromium or Chrome executable`,
    };
  }
  const onPath = (host.env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  const candidates = [
    ...onPath.flatMap((dir) => PATH_NAMES.map((name) => join(dir, name))),
    ...(INSTALL_LOCATIONS[host.platform] ?? []),
  ];
  const found = candidates.find((path) => host.exists(path));
  if (found !== undefined) return { kind: "path", path: found, source: "system" };
  if (host.platform === "linux" && host.arch === "x64") return { kind: "packaged" };
  return { kind: "none", message: NO_BROWSER_HINT };
}

/** Finds a browser as described above; the caller must call `dispose()` when done. */
export async function findBrowser(host: BrowserHost = currentHost()): Promise<FoundBrowser> {
  const located = locateBrowser(host);
  if (located.kind === "none") throw new Error(located.message);
  if (located.kind === "path") {
    return { executablePath: located.path, source: located.source, env: {}, dispose: () => {} };
  }
  return unpackPackagedChromium();
}

function currentHost(): BrowserHost {
  return { env: process.env, platform: process.platform, arch: process.arch, exists: existsSync };
}

/**
 * @sparticuz/chromium unpacks into os.tmpdir(); pointing TMPDIR at a fresh folder for the call gives every
 * run its own copy (no shared /tmp/chromium left behind). Its al2023 libraries (NSS, NSPR, expat) are unpacked
 * too and put first on the browser's library path, so a machine without libnss3 still runs it. The package's
 * fonts.conf names fixed /tmp folders, so a config of our own adds its fonts to the system's, cache included.
 */
async function unpackPackagedChromium(): Promise<FoundBrowser> {
  let packaged: typeof import("@sparticuz/chromium");
  try {
    packaged = await import("@sparticuz/chromium");
  } catch {
    throw new Error(`${NO_BROWSER_HINT}; the @sparticuz/chromium dev dependency is not installed (npm ci)`);
  }
  const dir = mkdtempSync(join(tmpdir(), "berth-chromium-"));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    const chromium = packaged.default;
    const executablePath = await chromium.executablePath();
    const lib = unpackLibraries(dir);
    const libraryPath = [lib, process.env.LD_LIBRARY_PATH]
      .filter((p) => p !== undefined && p !== "")
      .join(":");
    return {
      executablePath,
      source: "@sparticuz/chromium",
      env: { LD_LIBRARY_PATH: libraryPath, FONTCONFIG_FILE: writeFontConfig(dir) },
      dispose,
    };
  } catch (error) {
    dispose();
    throw new Error(`${NO_BROWSER_HINT}; unpacking @sparticuz/chromium failed: ${String(error)}`);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}

function writeFontConfig(dir: string): string {
  const file = join(dir, "fonts.conf");
  writeFileSync(
    file,
    [
      `<?xml version="1.0"?>`,
      `<!DOCTYPE fontconfig SYSTEM "fonts.dtd">`,
      `<fontconfig>`,
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>`,
      `  <dir>${join(dir, "fonts")}</dir>`,
      `  <cachedir>${join(dir, "fonts-cache")}</cachedir>`,
      `</fontconfig>`,
      ``,
    ].join("\n"),
  );
  return file;
}

/** Unpacks the package's bin/al2023.tar.br (Brotli-compressed tar) with the system's tar; returns its lib/. */
function unpackLibraries(dir: string): string {
  const entry = fileURLToPath(import.meta.resolve("@sparticuz/chromium")); // .../build/esm/index.js
  const archive = join(entry, "..", "..", "..", "bin", "al2023.tar.br");
  const target = join(dir, "al2023");
  mkdirSync(target);
  execFileSync("tar", ["-x", "-C", target], { input: brotliDecompressSync(readFileSync(archive)) });
  return join(target, "lib");
}
