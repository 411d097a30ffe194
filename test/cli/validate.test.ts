import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../src/cli/usage-error.ts";
import { validate } from "../../src/cli/validate.ts";

afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => err.push(line));
  return { out, err };
}

describe("berth validate", () => {
  it("checks every file given, reports each bad one and exits 2", async () => {
    const { out, err } = capture();
    const files = ["scenarios/quickstart.yaml", "test/cli/fixtures/tiny.yaml", "no/such.yaml"];
    expect(await validate.main(files)).toBe(2);
    expect(out).toEqual([
      expect.stringMatching(/^scenarios\/quickstart\.yaml: ok \(quickstart: \d+ instances?, /),
    ]);
    // tiny.yaml's strategy file is set up as `run` would, which rejects its unexpected field.
    expect(err[0]).toMatch(/^test\/cli\/fixtures\/tiny\.yaml: strategy "from-file": step /);
    expect(err[1]).toMatch(/^no\/such\.yaml:1:1 cannot read scenario/);
    expect(err[2]).toBe("validate: 2 files of 3 with problems");
  });

  it("reports the schema's and the later checks' problems of a file in one run, in file order", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "validate-")), "both.yaml");
    const quickstart = readFileSync("scenarios/quickstart.yaml", "utf8");
    writeFileSync(
      file,
      quickstart
        .replace("seed: 1\n", "seed: 1\nreplicatoins: 3\n")
        .replace("autoScalingGroup: fleet", "autoScalingGroup: flet"),
    );
    const { out, err } = capture();
    expect(await validate.main([file])).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(
      /:\d+:1 replicatoins: unknown field "replicatoins"; did you mean "replications"\?$/,
    );
    expect(err[1]).toMatch(/:\d+:\d+ capacityProviders\[0\]\.autoScalingGroup: .*flet/);
    const line = (s: string) => Number(s.slice(file.length + 1).split(":")[0]);
    expect(line(err[0]!)).toBeLessThan(line(err[1]!));
  });

  it("loads and sets up the strategy files of a good scenario", async () => {
    const { out } = capture();
    expect(await validate.main(["scenarios/strategies/custom-strategies.yaml"])).toBe(0);
    expect(out[0]).toContain("3 strategies");
  });
});

describe("a missing strategy file", () => {
  it("is named as the user wrote it, with the nearest file beside it", async () => {
    const { run } = await import("../../src/cli/run.ts").then((m) => ({ run: m.runCommand }));
    await expect(
      run(["scenarios/quickstart.yaml", "--quiet", "--strategy", "./scenarios/strategies/two-choice.ts"]),
    ).rejects.toThrow(
      new UsageError(
        "strategy file ./scenarios/strategies/two-choice.ts does not exist; did you mean two-choices.ts?",
      ),
    );
  });
});
