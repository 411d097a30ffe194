/** berth validate <scenario>...: check scenario files without running them. */
import { loadScenarioFile } from "../scenario/load.ts";
import { parseCommandArgs } from "./args.ts";
import { SCENARIO_FLAGS, SCENARIO_FLAGS_HELP, scenarioOverrides } from "./scenario-flags.ts";
import { UsageError } from "./usage-error.ts";

export const VALIDATE_HELP = `Usage: berth validate <scenario.yaml>...

Checks each scenario file (schema, references, ECS task-definition rules, strategy fields) without
running it. Prints one line per problem as file:line:col field.path: message.
Options:
${SCENARIO_FLAGS_HELP}

Exit codes: 0 valid, 2 a file has problems.`;

export function validateCommand(argv: string[]): number {
  const { values, positionals } = parseCommandArgs("validate", argv, { ...SCENARIO_FLAGS });
  if (values.help) {
    console.log(VALIDATE_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError("validate: name at least one scenario file (see berth validate --help)");
  for (const file of positionals) {
    const { scenario, warnings } = loadScenarioFile(file, {
      overrides: scenarioOverrides("validate", values),
    });
    for (const w of warnings) console.error(w);
    const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;
    const services = scenario.dynamics.services.length;
    const parts = [
      count(
        scenario.instanceGroups.reduce((n, g) => n + g.count, 0),
        "instance",
      ),
      count(scenario.sources.length, "workload source"),
      ...(services > 0 ? [count(services, "service")] : []),
      count(scenario.strategies.length, "strategy", "strategies"),
    ];
    console.log(`${file}: ok (${scenario.name}: ${parts.join(", ")})`);
  }
  return 0;
}
