/**
 * The examples in examples/ are checked, not just shipped: the GitHub Actions workflow against the
 * workflow schema (@action-validator/core), the Kubernetes manifests against the API models
 * (kubernetes-models), the AWS Batch documents for the fields the API requires; and under each engine's
 * environment the shards the example starts cover the example's sweep exactly once.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { validateWorkflow } from "@action-validator/core";
import { Job } from "kubernetes-models/batch/v1";
import { PersistentVolumeClaim } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { selectStrategies } from "../../src/cli/strategy-selection.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { seedsOf } from "../../src/sim/compare.ts";
import { loadSweepFile } from "../../src/sweep/load-sweep.ts";
import { planRunShards, shardSeeds } from "../../src/sweep/run-shard.ts";
import { resolveShard, selectShard } from "../../src/sweep/shard.ts";
import { planSweep } from "../../src/sweep/units.ts";

const read = (path: string) => readFileSync(path, "utf8");
const plan = planSweep(loadSweepFile("scenarios/sweeps/mixed-fleet-growth.yaml"), (sc, names) =>
  selectStrategies("sweep", sc.strategies, names),
);

/** The unit keys each shard takes under the given per-task environments, flattened and sorted. */
function coveredKeys(envs: Record<string, string>[], totalFlag?: string): string[] {
  return envs
    .flatMap((env) => {
      const r = resolveShard("auto", env, totalFlag);
      if (typeof r === "string") throw new Error(r);
      return selectShard(plan.units, r.shard).map((u) => u.key);
    })
    .sort();
}
const allKeys = plan.units.map((u) => u.key).sort();

describe("examples/github-actions/berth-sweep.yml", () => {
  const text = read("examples/github-actions/berth-sweep.yml");

  it("is a valid workflow", () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it("shards with a matrix, merges with download-artifact pattern + merge-multiple, publishes the summary", () => {
    const wf = parseYaml(text);
    const shards: number[] = wf.jobs.shard.strategy.matrix.shard;
    expect(shards).toEqual([1, 2, 3, 4]);
    expect(String(wf.env.SHARDS)).toBe(String(shards.length));
    const runs = (job: string) => wf.jobs[job].steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    const shardFlag = ["--shard ", "$", "{{ matrix.shard }}/", "$", "{{ env.SHARDS }}"].join("");
    expect(runs("shard")).toContain(`sweep "$SWEEP" ${shardFlag}`);
    const download = wf.jobs.merge.steps.find((s: { uses?: string }) =>
      s.uses?.startsWith("actions/download-artifact"),
    );
    expect(download.with).toMatchObject({ pattern: "berth-shard-*", "merge-multiple": true });
    expect(runs("merge")).toContain("merge shards --out report");
    expect(runs("merge")).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(wf.jobs.merge.needs).toBe("shard");
    // The matrix's --shard i/n values cover every unit once.
    const keys = shards
      .flatMap((i) => {
        const r = resolveShard(`${i}/${shards.length}`, {});
        if (typeof r === "string") throw new Error(r);
        return selectShard(plan.units, r.shard).map((u) => u.key);
      })
      .sort();
    expect(keys).toEqual(allKeys);
  });

  it("a broken workflow is caught by the validator (the check can fail)", () => {
    expect(
      validateWorkflow(text.replace("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest")).errors.length,
    ).toBeGreaterThan(0);
  });
});

describe("examples/kubernetes/berth-sweep-job.yaml", () => {
  const docs = parseAllDocuments(read("examples/kubernetes/berth-sweep-job.yaml")).map((d) => d.toJS());

  it("validates against the Kubernetes API models", () => {
    expect(docs.map((d) => d.kind)).toEqual(["PersistentVolumeClaim", "Job", "Job"]);
    expect(() => new PersistentVolumeClaim(docs[0]).validate()).not.toThrow();
    for (const d of docs.slice(1)) expect(() => new Job(d).validate()).not.toThrow();
    const broken = structuredClone(docs[1]);
    broken.spec.completions = "four";
    expect(() => new Job(broken).validate()).toThrow();
  });

  it("is an Indexed Job whose pods' JOB_COMPLETION_INDEX values cover the sweep exactly once", () => {
    const job = docs[1];
    expect(job.spec.completionMode).toBe("Indexed");
    const container = job.spec.template.spec.containers[0];
    expect(container.args).toEqual(expect.arrayContaining(["sweep", "--shard", "auto"]));
    const total = container.env.find((e: { name: string }) => e.name === "BERTH_SHARD_TOTAL").value;
    expect(Number(total)).toBe(job.spec.completions);
    const envs = Array.from({ length: job.spec.completions }, (_, i) => ({
      JOB_COMPLETION_INDEX: String(i),
      BERTH_SHARD_TOTAL: total,
    }));
    expect(coveredKeys(envs)).toEqual(allKeys);
    expect(docs[2].spec.template.spec.containers[0].args[0]).toBe("merge");
  });
});

describe("examples/aws-batch", () => {
  const def = JSON.parse(read("examples/aws-batch/job-definition.json"));
  const submit = JSON.parse(read("examples/aws-batch/submit-job.json"));

  it("has the fields RegisterJobDefinition and SubmitJob require, and names the same definition", () => {
    expect(def).toMatchObject({ jobDefinitionName: expect.any(String), type: "container" });
    expect(def.containerProperties.image).toEqual(expect.any(String));
    expect(def.containerProperties.resourceRequirements.map((r: { type: string }) => r.type).sort()).toEqual([
      "MEMORY",
      "VCPU",
    ]);
    expect(submit).toMatchObject({ jobName: expect.any(String), jobQueue: expect.any(String) });
    expect(submit.jobDefinition).toBe(def.jobDefinitionName);
    expect(def.containerProperties.command).toEqual(expect.arrayContaining(["sweep", "--shard", "auto"]));
  });

  it("array tasks AWS_BATCH_JOB_ARRAY_INDEX 0..size-1 cover the sweep exactly once", () => {
    const size = submit.arrayProperties.size;
    const envs = Array.from({ length: size }, (_, i) => ({
      AWS_BATCH_JOB_ARRAY_INDEX: String(i),
      AWS_BATCH_JOB_ARRAY_SIZE: String(size),
    }));
    expect(coveredKeys(envs)).toEqual(allKeys);
  });
});

describe("shard selection under the other engines' variables", () => {
  it("Cloud Run tasks and a Slurm array cover the sweep exactly once", () => {
    const cloudRun = [0, 1, 2].map((i) => ({ CLOUD_RUN_TASK_INDEX: String(i), CLOUD_RUN_TASK_COUNT: "3" }));
    expect(coveredKeys(cloudRun)).toEqual(allKeys);
    const slurm = [1, 2, 3, 4, 5].map((i) => ({
      SLURM_ARRAY_TASK_ID: String(i),
      SLURM_ARRAY_TASK_COUNT: "5",
      SLURM_ARRAY_TASK_MIN: "1",
    }));
    expect(coveredKeys(slurm)).toEqual(allKeys);
  });
});

describe("examples/slurm/berth-run.sbatch", () => {
  const text = read("examples/slurm/berth-run.sbatch");

  it("is valid bash", () => {
    const r = spawnSync("bash", ["-n", "examples/slurm/berth-run.sbatch"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("runs one shard of the seeds per array task, and its tasks cover every seed exactly once", () => {
    const array = /^#SBATCH --array=(\d+)-(\d+)$/m.exec(text);
    expect(array).not.toBeNull();
    const [min, max] = [Number(array![1]), Number(array![2])];
    const seeds = Number(/^SEEDS=\$\{SEEDS:-(\d+)\}$/m.exec(text)![1]);
    const scenarioFile = /^SCENARIO=\$\{SCENARIO:-(\S+)\}$/m.exec(text)![1]!;
    expect(text).toContain('run "$SCENARIO" --seeds "$SEEDS" --shard auto --out "$SHARDS"');
    expect(text).toMatch(/--dependency="afterok:\$\{SLURM_ARRAY_JOB_ID\}"/);
    expect(text).toContain("merge '$SHARDS' --out '$REPORT'");
    const { scenario } = loadScenarioFile(scenarioFile);
    const strategies = selectStrategies("run", scenario.strategies, undefined);
    const plan = planRunShards(scenarioFile, scenario, strategies, seedsOf(scenario, seeds), {
      baseline: strategies[0]!.name,
      gates: [],
      origins: [],
    });
    const covered = Array.from({ length: max - min + 1 }, (_, k) => {
      const r = resolveShard("auto", {
        SLURM_ARRAY_TASK_ID: String(min + k),
        SLURM_ARRAY_TASK_MIN: String(min),
        SLURM_ARRAY_TASK_COUNT: String(max - min + 1),
      });
      if (typeof r === "string") throw new Error(r);
      return shardSeeds(plan, r.shard);
    });
    expect(covered.map((s) => s.length)).toEqual([10, 10, 10, 10]);
    expect(covered.flat().sort((a, b) => a - b)).toEqual(seedsOf(scenario, seeds));
  });
});
