/**
 * The task being placed, as the pipeline holds it (`Decision`, rewritten per decision) and as strategies see
 * it (`TaskView`, through the read-only `ReadonlyTask` window).
 */
import type { PlacementShape } from "../model/cluster.ts";
import type { ConstraintSet } from "./constraints.ts";

/** What a strategy sees of the task being placed. One object reused across decisions: do not keep it. */
export interface TaskView {
  /** Task id (t-000001 is id 0); -1 when probing a hypothetical task. */
  readonly id: number;
  readonly family: string;
  /** Task group name, e.g. "family:web" or "service:api". */
  readonly group: string;
  /** Integer id of the group, for ClusterView.groupTasks. */
  readonly groupId: number;
  readonly cpu: number;
  readonly memory: number;
  readonly gpu: number;
  readonly eni: number;
  readonly dynamicPorts: number;
  readonly staticPorts: readonly string[];
  /** Index of the task's shape in the scenario's task definitions. */
  readonly shape: number;
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
