/**
 * Scheduled actions (desiredCount changes, deployments, scheduled scaling, scheduled failures, zone
 * outages, drains) as one list of TIMELINE events. Actions at the same time run in the order listed here:
 * zone outages and recoveries, instance failures, spot warnings, drains, scheduled scaling, desiredCount
 * changes, deployments (so a service reacts to capacity changes of the same instant).
 */
import { InstanceStatus } from "../model/cluster.ts";
import type { Engine } from "./engine.ts";
import { TIMELINE } from "./events.ts";
import type { Fleets } from "./instance-lifecycle.ts";
import type { Services } from "./services.ts";

type Action = (now: number) => void;

export class Timeline {
  private readonly actions: Action[] = [];

  constructor(
    private readonly engine: Engine,
    fleets: Fleets,
    services: Services,
  ) {
    const d = engine.scenario.dynamics;
    const { Active, Draining, Launching, Dedicated } = InstanceStatus;
    for (const z of d.zoneOutages) {
      this.add(z.at, (now) => fleets.zoneOutage(z.zone, now));
      this.add(z.at + z.for, (now) => fleets.zoneRecovered(z.zone, now));
    }
    for (const f of d.instanceFailures) {
      if (f.at !== undefined)
        this.add(f.at, (now) => {
          fleets.failNow(fleets.pick(f, [Active, Draining, Launching]), now);
        });
    }
    for (const f of d.spotInterruptions) {
      if (f.at !== undefined)
        this.add(f.at, (now) => {
          fleets.spotNow(fleets.pick(f, [Active, Launching, Dedicated], true), now);
        });
    }
    for (const f of d.drains) {
      this.add(f.at, (now) => {
        fleets.drainAll(fleets.pick(f, [Active]), now, "manual drain");
      });
    }
    d.groups.forEach((g, k) => {
      for (const a of g.schedule)
        this.add(a.at, (now) => fleets.setDesired(k, a.desiredCapacity, now, "scheduled"));
    });
    d.services.forEach((s, k) => {
      for (const c of s.desiredCountChanges)
        this.add(c.at, (now) => services.setDesired(k, c.desiredCount, now));
      for (const dep of s.deployments) this.add(dep.at, (now) => services.deploy(k, dep.shape, now));
    });
  }

  private add(at: number, action: Action): void {
    const k = this.actions.push(action) - 1;
    this.engine.push(at, TIMELINE, k);
  }

  run(k: number, now: number): void {
    this.actions[k]!(now);
  }
}
