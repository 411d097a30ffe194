/**
 * One step of a placement strategy chain, in the ECS API shape, and what a decision carries.
 *
 * A chain is up to five steps. Steps may filter (hard), score (soft; lower is better, compared
 * lexicographically so each later step only breaks the ties the earlier ones left, remaining ties going to
 * the run's tie-break stream) or decide whole (`place`). ECS's own types (binpack, spread, random) only
 * score: ECS strategies are best effort and never exclude; constraints are what exclude.
 */
import type { PlacementShape } from "../model/cluster.ts";
import type { ClusterView } from "./cluster-view.ts";
import type { ConstraintSet } from "./constraints.ts";
import type { ShapeShare, StrategyDefinition, TaskView } from "./strategy.ts";
import type { TaskGroups } from "./task-groups.ts";

/** A placement strategy step in the ECS API shape (placementStrategy[i]). */
export interface PlacementStrategyStep {
  type: string;
  field?: string;
}

/** The task being placed; reused across decisions (the simulator rewrites its fields). */
export class Decision implements TaskView {
  id = -1;
  family = "";
  group = "";
  groupId = 0;
  cpu = 0;
  memory = 0;
  gpu = 0;
  eni = 0;
  dynamicPorts = 0;
  staticPorts: readonly string[] = [];
  shape = 0;
  /** Simulated time of the decision (for error messages and explain). */
  time = 0;
  constraints: ConstraintSet | null = null;

  constructor(public placement: PlacementShape) {
    this.setShape(placement);
  }

  setShape(p: PlacementShape): void {
    this.placement = p;
    this.family = p.family;
    this.cpu = p.cpu;
    this.memory = p.memory;
    this.gpu = p.gpu;
    this.eni = p.eni;
    this.dynamicPorts = p.dynamicPorts;
    this.staticPorts = p.staticPorts;
    this.shape = p.index;
  }
}

/**
 * What strategy hooks receive: a read-only window onto the current Decision, so a strategy cannot change
 * the task being placed (its shape, group or constraints) behind the pipeline's back.
 */
export class ReadonlyTask implements TaskView {
  #d: Decision;
  constructor(d: Decision) {
    this.#d = d;
  }
  /** Points the view at another decision (the Placer does this per choice). */
  static show(view: ReadonlyTask, d: Decision): void {
    view.#d = d;
  }
  /** The placement shape behind a task view (for ClusterView.fits), if it is one of the pipeline's. */
  static shapeOf(task: TaskView): PlacementShape | undefined {
    if (task instanceof Decision) return task.placement;
    return task instanceof ReadonlyTask ? task.#d.placement : undefined;
  }
  get id() {
    return this.#d.id;
  }
  get family() {
    return this.#d.family;
  }
  get group() {
    return this.#d.group;
  }
  get groupId() {
    return this.#d.groupId;
  }
  get cpu() {
    return this.#d.cpu;
  }
  get memory() {
    return this.#d.memory;
  }
  get gpu() {
    return this.#d.gpu;
  }
  get eni() {
    return this.#d.eni;
  }
  get dynamicPorts() {
    return this.#d.dynamicPorts;
  }
  get staticPorts() {
    return this.#d.staticPorts;
  }
  get shape() {
    return this.#d.shape;
  }
}

export interface StepEnvironment {
  view: ClusterView;
  groups: TaskGroups;
  seed: number;
  taskMix: readonly ShapeShare[];
  /** Strategies loaded from files, by the step type that names them. */
  modules?: ReadonlyMap<string, StrategyDefinition>;
}
