/**
 * Which tasks a service scale-in stops (ECS developer guide, task-placement-strategies.html: "when you scale
 * down the task count, Amazon ECS must determine which tasks to terminate"). The service's placement strategy
 * decides, step by step, as it does for placement:
 *   spread(F)   keep the service balanced over F: stop a task from the F value (zone, instance, any attribute)
 *               that holds the most of the service's tasks still running;
 *   binpack(R)  stop the task whose instance has the most of R free once the task is gone;
 *   other steps (random, first-fit, heuristics, strategy files) state no preference.
 * Tasks not placed yet (PENDING) go first: stopping them disturbs nothing. Remaining ties go to the most
 * recently launched task: ECS picks at random within a zone; berth keeps the stop deterministic and off the
 * random streams every compared strategy shares.
 *
 * Victims are chosen one at a time so each stop sees the balance the previous ones left. Cost: O(k x n) for k
 * stops among n candidates; scale-ins stop few tasks.
 */
import type { PlacementStrategyStep } from "../placement/step.ts";

/** What the choice reads of the run, so it can be tested on a hand-built cluster. */
export interface ScaleInView {
  /** The task's instance, or -1 while it is PENDING. */
  instanceOf(task: number): number;
  /** The instance's value of an attribute (`ecs.availability-zone`...), undefined when it has none. */
  attribute(instance: number, name: string): string | undefined;
  /** Free units of a resource on the instance. */
  free(instance: number, resource: "cpu" | "memory"): number;
  /** Units of a resource the task holds. */
  demand(task: number, resource: "cpu" | "memory"): number;
}

/** The `count` tasks to stop, in stop order, from `candidates` (task ids; launch order = id order). */
export function scaleInVictims(
  candidates: readonly number[],
  count: number,
  chain: readonly PlacementStrategyStep[],
  view: ScaleInView,
): number[] {
  const left = [...candidates];
  const victims: number[] = [];
  for (let k = 0; k < count && left.length > 0; k++) {
    const pick = nextVictim(left, chain, view);
    victims.push(pick);
    left.splice(left.indexOf(pick), 1);
  }
  return victims;
}

function nextVictim(
  left: readonly number[],
  chain: readonly PlacementStrategyStep[],
  view: ScaleInView,
): number {
  const pending = left.filter((id) => view.instanceOf(id) < 0);
  if (pending.length > 0) return Math.max(...pending);
  let tied: readonly number[] = left;
  for (const step of chain) {
    if (tied.length === 1) break;
    const prefer = preferenceOf(step, left, view);
    if (prefer) tied = keepHighest(tied, prefer);
  }
  return Math.max(...tied);
}

/** A score per task (higher = stop first) for steps that state a preference; undefined otherwise. */
function preferenceOf(
  step: PlacementStrategyStep,
  placed: readonly number[],
  view: ScaleInView,
): ((task: number) => number) | undefined {
  const type = step.type.toLowerCase();
  const field = step.field ?? "";
  if (type === "binpack") {
    const resource =
      field.toLowerCase() === "cpu" ? "cpu" : field.toLowerCase() === "memory" ? "memory" : null;
    if (!resource) return undefined;
    return (id) => view.free(view.instanceOf(id), resource) + view.demand(id, resource);
  }
  if (type === "spread") {
    const bucketOf = bucketFunction(field, view);
    if (!bucketOf) return undefined;
    // Balance is judged over every task of the service still running, not only the tied ones.
    const counts = new Map<string, number>();
    for (const id of placed) {
      const b = bucketOf(view.instanceOf(id));
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    return (id) => counts.get(bucketOf(view.instanceOf(id))) ?? 0;
  }
  return undefined;
}

function bucketFunction(field: string, view: ScaleInView): ((instance: number) => string) | undefined {
  if (field === "instanceId" || field === "host") return (i) => `#${i}`;
  if (field.startsWith("attribute:")) {
    const name = field.slice("attribute:".length);
    // Instances without the attribute form one bucket of their own, as in placement.
    return (i) => {
      const v = view.attribute(i, name);
      return v === undefined ? "\u0000none" : `=${v}`;
    };
  }
  return undefined;
}

function keepHighest(tasks: readonly number[], score: (task: number) => number): number[] {
  let best = Number.NEGATIVE_INFINITY;
  let out: number[] = [];
  for (const id of tasks) {
    const s = score(id);
    if (s > best) {
      best = s;
      out = [id];
    } else if (s === best) out.push(id);
  }
  return out;
}
