/**
 * Scheduled actions as one list of TIMELINE events. It knows no section of the scenario: each module
 * adds its own actions (InstanceFaults: zone outages and recoveries, instance failures, spot warnings,
 * drains; Fleets: scheduled scaling; Services: desiredCount changes and deployments), and simulate.ts asks
 * them in that order, which is the order actions at the same time run in (so a service reacts to capacity
 * changes of the same instant).
 */
import type { Engine } from "./engine.ts";
import { TIMELINE } from "./events.ts";

export type Action = (now: number) => void;

export class Timeline {
  private readonly actions: Action[] = [];

  constructor(private readonly engine: Engine) {
    engine.context.events.on(TIMELINE, (k, now) => this.actions[k]!(now));
  }

  add(at: number, action: Action): void {
    const k = this.actions.push(action) - 1;
    this.engine.push(at, TIMELINE, k);
  }
}
