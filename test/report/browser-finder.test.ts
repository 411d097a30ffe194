import { describe, expect, it } from "vitest";
import { type BrowserHost, locateBrowser, NO_BROWSER_HINT } from "../helpers/browser.ts";

function host(over: Partial<BrowserHost> & { files?: string[] }): BrowserHost {
  const files = new Set(over.files ?? []);
  return {
    env: over.env ?? {},
    platform: over.platform ?? "linux",
    arch: over.arch ?? "x64",
    exists: (path) => files.has(path),
  };
}

describe("the browser finder for the report tests", () => {
  it("takes BERTH_CHROMIUM first, then CHROME_PATH, over any system browser", () => {
    const files = ["/opt/mine/chrome", "/opt/ci/chrome", "/usr/bin/chromium"];
    const env = { BERTH_CHROMIUM: "/opt/mine/chrome", CHROME_PATH: "/opt/ci/chrome", PATH: "/usr/bin" };
    expect(locateBrowser(host({ env, files }))).toEqual({
      kind: "path",
      path: "/opt/mine/chrome",
      source: "BERTH_CHROMIUM",
    });
    expect(locateBrowser(host({ env: { ...env, BERTH_CHROMIUM: "" }, files }))).toMatchObject({
      path: "/opt/ci/chrome",
      source: "CHROME_PATH",
    });
  });

  it("refuses a variable that names a missing file instead of quietly using another browser", () => {
    const located = locateBrowser(
      host({ env: { CHROME_PATH: "/nope/chrome" }, files: ["/usr/bin/chromium"] }),
    );
    expect(located).toEqual({
      kind: "none",
      message: "CHROME_PATH=/nope/chrome does not exist: point it at a Chromium or Chrome executable",
    });
  });

  it("finds a system browser on PATH, then at the usual install locations", () => {
    const env = { PATH: "/usr/local/bin:/usr/bin" };
    expect(locateBrowser(host({ env, files: ["/usr/bin/google-chrome-stable"] }))).toMatchObject({
      path: "/usr/bin/google-chrome-stable",
      source: "system",
    });
    expect(locateBrowser(host({ env: {}, files: ["/snap/bin/chromium"] }))).toMatchObject({
      path: "/snap/bin/chromium",
    });
    const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(locateBrowser(host({ platform: "darwin", files: [mac] }))).toMatchObject({ path: mac });
  });

  it("falls back to the packaged Chromium on Linux x64 only, elsewhere fails with one line saying what to set", () => {
    expect(locateBrowser(host({ env: { PATH: "/usr/bin" } }))).toEqual({ kind: "packaged" });
    for (const other of [
      host({ platform: "darwin" }),
      host({ arch: "arm64" }),
      host({ platform: "win32" }),
    ]) {
      const located = locateBrowser(other);
      expect(located).toEqual({ kind: "none", message: NO_BROWSER_HINT });
    }
    expect(NO_BROWSER_HINT).not.toContain("\n");
    expect(NO_BROWSER_HINT).toContain("BERTH_CHROMIUM=");
  });
});
