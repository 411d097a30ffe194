import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkOutputs,
  defaultReportFolder,
  OutputWriteError,
  StreamedOutput,
  safeFolderName,
  writeOutputs,
} from "../../src/cli/outputs.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { berth, STACK_FRAME, TINY, tempDir, tempScenario } from "../helpers/cli.ts";

describe("output folder names", () => {
  it("cannot climb out of reports/ or break the file system", () => {
    expect(defaultReportFolder("..")).toBe(join("reports", "_."));
    expect(defaultReportFolder(".")).toBe(join("reports", "_"));
    expect(safeFolderName("a/../../etc")).toBe("a_.._.._etc");
    expect(safeFolderName("x\u0000y\u001bz\n")).toBe("x_y_z_");
    expect(safeFolderName("")).toBe("scenario");
    expect(safeFolderName("quickstart")).toBe("quickstart");
  });

  it("cuts long names to 100 characters with a hash, so shared prefixes stay apart", () => {
    const a = safeFolderName(`${"a".repeat(299)}1`);
    const b = safeFolderName(`${"a".repeat(299)}2`);
    expect(a).toHaveLength(100);
    expect(b).toHaveLength(100);
    expect(a).not.toBe(b);
  });
});

describe("checkOutputs", () => {
  it("creates parent folders of files and the report folder", () => {
    const dir = tempDir();
    checkOutputs([
      { what: "--out", path: join(dir, "a", "b"), kind: "folder" },
      { what: "--junit", path: join(dir, "c", "d", "junit.xml"), kind: "file" },
    ]);
    expect(existsSync(join(dir, "a", "b"))).toBe(true);
    expect(existsSync(join(dir, "c", "d"))).toBe(true);
    expect(readdirSync(join(dir, "c", "d"))).toEqual([]);
  });

  it("names the path when a folder is a file, a file is a folder, or a parent is a file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "f"), "x");
    mkdirSync(join(dir, "d"));
    const cases: [Parameters<typeof checkOutputs>[0][0], RegExp][] = [
      [{ what: "--out", path: join(dir, "f"), kind: "folder" }, /^--out .*f: .*f is a file, not a folder$/],
      [{ what: "--junit", path: join(dir, "d"), kind: "file" }, /^--junit .*d: .*d is a folder, not a file$/],
      [
        { what: "--events", path: join(dir, "f", "e.ndjson"), kind: "file" },
        /^--events .*e\.ndjson: .*f is a file, not a folder$/,
      ],
    ];
    for (const [target, message] of cases) {
      expect(() => checkOutputs([target])).toThrow(UsageError);
      expect(() => checkOutputs([target])).toThrow(message);
    }
  });
});

describe("writeOutputs", () => {
  it("replaces files whole and leaves no temporary file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "results.json"), "old");
    writeOutputs([
      { path: join(dir, "results.json"), content: "new" },
      { path: join(dir, "sub", "summary.md"), content: "# s" },
    ]);
    expect(readFileSync(join(dir, "results.json"), "utf8")).toBe("new");
    expect(readFileSync(join(dir, "sub", "summary.md"), "utf8")).toBe("# s");
    expect(readdirSync(dir).sort()).toEqual(["results.json", "sub"]);
  });

  it("on a failed write names the file, keeps every previous output whole and removes temporaries", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "results.json"), "previous results");
    writeFileSync(join(dir, "index.html"), "previous report");
    // A folder where index.html's temporary file goes: writing it fails like a full disk would.
    mkdirSync(join(dir, `.index.html.${process.pid}.tmp`));
    const attempt = () =>
      writeOutputs([
        { path: join(dir, "results.json"), content: "new results" },
        { path: join(dir, "index.html"), content: "<html>" },
      ]);
    expect(attempt).toThrow(OutputWriteError);
    expect(attempt).toThrow(/^cannot write .*index\.html: it is a folder \(EISDIR\)$/);
    expect(readFileSync(join(dir, "results.json"), "utf8")).toBe("previous results");
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe("previous report");
    expect(readdirSync(dir).sort()).toEqual([`.index.html.${process.pid}.tmp`, "index.html", "results.json"]);
  });

  it("renames nothing when a target has become a folder", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "results.json"), "previous results");
    mkdirSync(join(dir, "index.html"));
    const attempt = () =>
      writeOutputs([
        { path: join(dir, "results.json"), content: "new results" },
        { path: join(dir, "index.html"), content: "<html>" },
      ]);
    expect(attempt).toThrow(/^cannot write .*index\.html: it is a folder$/);
    expect(readFileSync(join(dir, "results.json"), "utf8")).toBe("previous results");
    expect(readdirSync(dir).sort()).toEqual(["index.html", "results.json"]);
  });

  it("names the file on an errno error in words", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    expect(() => writeOutputs([{ path: join(dir, "file", "x.json"), content: "" }])).toThrow(
      /^cannot create folder .*file: (a part of the path is a file, not a folder \(ENOTDIR\)|a file is in the way \(EEXIST\))$/,
    );
  });
});

describe("StreamedOutput", () => {
  it("appears under its name only when committed", () => {
    const dir = tempDir();
    const path = join(dir, "logs", "events.ndjson");
    const out = new StreamedOutput(path);
    out.write("a\n");
    expect(existsSync(path)).toBe(false);
    out.commit();
    expect(readFileSync(path, "utf8")).toBe("a\n");
    const aborted = new StreamedOutput(join(dir, "other.ndjson"));
    aborted.write("b\n");
    aborted.abort();
    expect(readdirSync(dir).sort()).toEqual(["logs"]);
  });
});

describe("berth run outputs", () => {
  it("refuses an --out that is a file before simulating, exit 2, naming the path", () => {
    const { dir, file } = tempScenario(TINY);
    writeFileSync(join(dir, "taken"), "");
    const r = berth(["run", file, "--out", join(dir, "taken")]);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain("seed 7"); // no run happened
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`--out ${join(dir, "taken")}: `);
    expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR/);
  });

  it("refuses an --events or --junit path that is a folder before simulating", () => {
    const { dir, file } = tempScenario(TINY);
    for (const flag of ["--events", "--junit"]) {
      const r = berth(["run", file, "--out", join(dir, "o"), flag, dir]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toMatch(new RegExp(`^berth: ${flag} .*: .* is a folder, not a file\\n$`));
    }
  });

  it("creates parent folders of --out, --events and --junit", () => {
    const { dir, file } = tempScenario(TINY);
    const r = berth([
      "run",
      file,
      "--quiet",
      "--out",
      join(dir, "a", "b"),
      "--events",
      join(dir, "c", "events.ndjson"),
      "--junit",
      join(dir, "d", "e", "junit.xml"),
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "a", "b", "results.json"))).toBe(true);
    expect(readFileSync(join(dir, "c", "events.ndjson"), "utf8")).toContain('"state":"RUNNING"');
    expect(readFileSync(join(dir, "d", "e", "junit.xml"), "utf8")).toContain("<testsuites");
  });

  it('writes a scenario named ".." under reports/, not into the working folder', () => {
    const { dir, file } = tempScenario(TINY.replace("name: tiny", 'name: ".."'));
    const r = berth(["run", file, "--quiet", "--seeds", "1"], { cwd: dir });
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "results.json"))).toBe(false);
    expect(existsSync(join(dir, "reports", "_.", "results.json"))).toBe(true);
  });

  it("writes a scenario with a 300-character name to a shortened folder", () => {
    const name = "n".repeat(300);
    const { dir, file } = tempScenario(TINY.replace("name: tiny", `name: ${name}`));
    const r = berth(["run", file, "--quiet", "--seeds", "1"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [folder] = readdirSync(join(dir, "reports"));
    expect(folder).toHaveLength(100);
    expect(existsSync(join(dir, "reports", folder!, "results.json"))).toBe(true);
  });
});
