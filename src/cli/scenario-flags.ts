/**
 * The flags every command that reads a scenario accepts: `--set PATH=VALUE` (any field, checked against the
 * schema), `--load F` (loadFactor) and `--load-services` (loadFactorServices). They become overrides applied
 * to the scenario document before validation (src/scenario/overrides.ts).
 */
import { type Override, parseSetFlag } from "../scenario/overrides.ts";
import type { OptionSpec } from "./command.ts";
import { UsageError } from "./usage-error.ts";

/** The flags with their help, for the `options` of a defineCommand declaration. */
export const SCENARIO_OPTIONS = {
  set: {
    type: "string",
    multiple: true,
    value: "PATH=VALUE",
    help:
      "override one scenario field before validation; repeat for several, e.g.\n" +
      "--set cluster.instances[0].count=12 --set workload[1].arrival.ratePerHour=480\n" +
      '(VALUE is read as YAML: 12, c5.xlarge, "[a, b]", "{type: constant, value: 60s}")',
  },
  load: {
    type: "string",
    value: "F",
    help: "loadFactor: multiply every arrival rate by F (e.g. 1.5; replaces the scenario's own)",
  },
  "load-services": {
    type: "boolean",
    help: "with --load (or loadFactor), also multiply services' desiredCount",
  },
} as const satisfies Record<string, OptionSpec>;

export interface ScenarioFlagValues {
  set?: string[];
  load?: string;
  "load-services"?: boolean;
}

export function scenarioOverrides(command: string, values: ScenarioFlagValues): Override[] {
  const overrides: Override[] = [];
  for (const text of values.set ?? []) {
    const o = parseSetFlag(text);
    if (typeof o === "string") throw new UsageError(`${command}: ${o}`);
    overrides.push(o);
  }
  if (values.load !== undefined) {
    const f = Number(values.load);
    if (!Number.isFinite(f) || f <= 0 || values.load.trim() === "")
      throw new UsageError(
        `${command}: --load needs a number above 0, e.g. --load 1.5 (got "${values.load}")`,
      );
    overrides.push({ path: ["loadFactor"], value: f, origin: `--load ${values.load}` });
  }
  if (values["load-services"])
    overrides.push({ path: ["loadFactorServices"], value: true, origin: "--load-services" });
  return overrides;
}
