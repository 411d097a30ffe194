/**
 * Container health checks (task_definition_parameters.md, "Health check"; Docker HEALTHCHECK semantics) and
 * what they mean for a task, given the time R after RUNNING at which its application starts answering.
 *
 * A container with a check is probed every `interval` seconds from its start (the first probe one interval
 * after RUNNING). A probe passes once the application is ready (probe time >= R) and fails before. The
 * container is HEALTHY at its first passing probe: interval x max(1, ceil(R / interval)). Failures during
 * `startPeriod` do not count; the container is UNHEALTHY at its `retries`-th counted failure, if that probe
 * still fails. A task is healthy when every essential container with a check is; it is found unhealthy at
 * the first essential container's UNHEALTHY. Simplifications: a probe takes no time (its `timeout` only
 * bounds a hanging probe, which berth does not model), and a probe passes from R on for good (no flapping).
 */
export interface HealthCheckSpec {
  /** seconds between probes (ECS: 5..300, default 30) */
  interval: number;
  /** seconds a probe may take (ECS: 2..120, default 5); recorded, not modelled */
  timeout: number;
  /** counted failures before UNHEALTHY (ECS: 1..10, default 3) */
  retries: number;
  /** seconds after start during which failures do not count (ECS: 0..300, default 0) */
  startPeriod: number;
}

const RANGES: Record<keyof HealthCheckSpec, [number, number, number]> = {
  interval: [5, 300, 30],
  timeout: [2, 120, 5],
  retries: [1, 10, 3],
  startPeriod: [0, 300, 0],
};

/** A container definition's healthCheck, checked against the ECS ranges (problems go to `problem`). */
export function readHealthCheck(
  raw: Record<string, unknown>,
  problem: (path: (string | number)[], message: string) => void,
): HealthCheckSpec | undefined {
  const out = {} as HealthCheckSpec;
  let ok = true;
  for (const key of Object.keys(RANGES) as (keyof HealthCheckSpec)[]) {
    const [min, max, fallback] = RANGES[key];
    const v = raw[key];
    if (v === undefined || v === null) {
      out[key] = fallback;
      continue;
    }
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      problem([key], `healthCheck.${key} must be a whole number of seconds from ${min} to ${max}`);
      ok = false;
      continue;
    }
    out[key] = v;
  }
  if (!Array.isArray(raw.command) || raw.command.length === 0) {
    problem(
      ["command"],
      'healthCheck needs a command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
    );
    ok = false;
  }
  return ok ? out : undefined;
}

export interface HealthOutcome {
  /** seconds after RUNNING at which every checked essential container is HEALTHY */
  healthyAt: number;
  /** seconds after RUNNING at which the first one turns UNHEALTHY (Infinity: never) */
  unhealthyAt: number;
}

/** The outcome for a task whose checked essential containers are `checks`, ready R seconds after RUNNING. */
export function healthOutcome(checks: readonly HealthCheckSpec[], ready: number): HealthOutcome {
  let healthyAt = 0;
  let unhealthyAt = Number.POSITIVE_INFINITY;
  for (const c of checks) {
    healthyAt = Math.max(healthyAt, c.interval * Math.max(1, Math.ceil(ready / c.interval)));
    const firstCounted = Math.floor(c.startPeriod / c.interval) + 1;
    const verdict = (firstCounted + c.retries - 1) * c.interval;
    if (verdict < ready) unhealthyAt = Math.min(unhealthyAt, verdict);
  }
  return { healthyAt, unhealthyAt };
}
