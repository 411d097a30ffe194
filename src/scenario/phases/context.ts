/**
 * The one context the compile phases share (src/scenario/compile.ts runs them in order). Each phase reads
 * the scenario and what earlier phases left here, reports problems at field paths (the report turns them
 * into file:line:col), and fills in its own fields; the field comments name the phase that fills each.
 */
import type { DistributionSpec } from "../../core/distributions.ts";
import type { InstanceType } from "../../model/instance-types.ts";
import type { TaskShape } from "../../model/task-definition.ts";
import {
  type ParsedConstraint,
  type PlacementConstraintSpec,
  parseConstraint,
} from "../../placement/constraints.ts";
import type { StrategySpec } from "../../placement/strategy-spec.ts";
import type {
  CompiledDynamics,
  ContainerFailureSpec,
  GroupDynamics,
  InstanceGroup,
  ProviderShare,
  ProviderSpec,
  ServiceSpec,
  TargetSpec,
  WorkloadSource,
} from "../compiled.ts";
import type { Gate } from "../parse-gate.ts";
import type { CompileReport, FieldPath } from "../problems.ts";
import type { Scenario } from "../schema.ts";

/** A top-level section of a scenario file. */
export type Section = keyof Scenario;

/** One named step of compilation: a small file with one job. */
export interface CompilePhase {
  /** Short name, e.g. "task definitions" (docs/design.md lists the phases in order). */
  readonly name: string;
  /** The top-level sections it reads: it is skipped when the schema rejected one of them. */
  readonly reads: readonly Section[];
  /** Earlier phases whose results it reads (by name): it is skipped when one of them was. */
  readonly uses?: readonly string[];
  run(ctx: CompileContext): void;
}

/** Runs each phase in order, skipping (and naming in ctx.skipped) those whose input the schema rejected. */
export function runPhases(phases: readonly CompilePhase[], ctx: CompileContext): void {
  for (const phase of phases) {
    if (!ctx.valid(...phase.reads) || phase.uses?.some((name) => ctx.skipped.has(name))) {
      ctx.skipped.add(phase.name);
      continue;
    }
    phase.run(ctx);
  }
}

export class CompileContext {
  /** The scenario being compiled; the load-factor phase replaces it with the scaled one. */
  s: Scenario;

  // run window
  warmup = 0;
  // cluster
  catalog = new Map<string, InstanceType>();
  epochMs = 0;
  instanceTypes: InstanceType[] = [];
  instanceGroups: InstanceGroup[] = [];
  // task definitions
  /** Family name -> shape index. */
  families = new Map<string, number>();
  shapes: TaskShape[] = [];
  /** Each task definition's own memberOf constraints (trace shapes add theirs). */
  definitionConstraints: ParsedConstraint[][] = [];
  // provider strategies
  /** Capacity provider name -> index (declared ones, then the Fargate ones used). */
  providers = new Map<string, number>();
  defaultStrategy: ProviderShare[] = [];
  // workload
  sources: WorkloadSource[] = [];
  /** Concatenated hashes of the trace files read, so the scenario hash names their bytes. */
  traceHash = "";
  // dynamics (src/scenario/compile-dynamics.ts runs these phases)
  /** Instance group name -> index. */
  groupNames = new Map<string, number>();
  zones = new Set<string>();
  /** Instance group index -> the capacity provider it backs. */
  providerOf = new Map<number, number>();
  providerSpecs: ProviderSpec[] = [];
  groups: GroupDynamics[] = [];
  services: ServiceSpec[] = [];
  containerFailures: ContainerFailureSpec[] = [];
  instanceFailures: (TargetSpec & { mtbf?: number; at?: number })[] = [];
  zoneOutages: { zone: string; at: number; for: number }[] = [];
  spotInterruptions: CompiledDynamics["spotInterruptions"] = [];
  drains: (TargetSpec & { at: number })[] = [];
  startupTimes: (DistributionSpec | null)[] = [];
  /** Per shape: readyTime (RUNNING until health checks pass), or null (startup times phase). */
  readyTimes: (DistributionSpec | null)[] = [];
  /** Set once the dynamics phases ran (the Fargate phase adds its groups to it). */
  dynamics: CompiledDynamics | undefined;
  // strategies
  strategies: StrategySpec[] = [];
  strategyNames = new Set<string>();
  // gates
  gates: Gate[] = [];
  /** Phases not run because a section they read (or a phase they use) was rejected. */
  readonly skipped = new Set<string>();

  constructor(
    /** The scenario as validated (its hash is what results name). */
    readonly validated: Scenario,
    readonly report: CompileReport,
    /** Folder that relative file paths (traces, strategy files) are read from. */
    readonly baseDir: string,
    /**
     * Sections the schema rejected, when compiling only to find more problems (src/scenario/load.ts):
     * each holds a neutral stand-in (an empty list, or nothing), and the phases reading it are skipped.
     */
    readonly invalid: ReadonlySet<Section> = new Set(),
  ) {
    this.s = validated;
  }

  /** True when the schema accepted every one of these sections (a check across sections asks first). */
  valid(...sections: Section[]): boolean {
    return this.invalid.size === 0 || !sections.some((k) => this.invalid.has(k));
  }

  /** Parses a list of placement constraints, each problem reported under `at`. */
  constraints(list: PlacementConstraintSpec[] | undefined, at: FieldPath): ParsedConstraint[] {
    return (list ?? []).flatMap((c, k) => {
      const parsed = parseConstraint(c, (path, message) => this.report.error([...at, k, ...path], message));
      return parsed ? [parsed] : [];
    });
  }

  /** The shape index of a task definition family, or undefined after reporting it at `at`. */
  family(name: string, at: FieldPath): number | undefined {
    const shape = this.families.get(name);
    if (shape === undefined) this.report.error(at, `no task definition with family "${name}"`);
    return shape;
  }
}
