/**
 * berth validate <scenario>...: check scenario files without running them — every file given, each to the
 * end: schema, references, ECS rules, then each strategy's files loaded and set up as `run` would.
 */

import { plural } from "../core/format.ts";
import { terminalText } from "../report/text-escape.ts";
import { loadScenarioFile } from "../scenario/load.ts";
import { formatProblem, InputError } from "../scenario/problems.ts";
import { defineCommand } from "./command.ts";
import { SCENARIO_OPTIONS, scenarioOverrides } from "./scenario-flags.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { UsageError } from "./usage-error.ts";
import { DECISION_TIMEOUT_OPTION, decisionTimeoutMs } from "./work-check.ts";

export const validate = defineCommand({
  name: "validate",
  args: "<scenario.yaml>...",
  description:
    "Checks each scenario file (schema, references, ECS task-definition rules, strategy fields) and loads\n" +
    "and sets up each of its strategies as `berth run` would, without simulating. Every file given is\n" +
    "checked; each problem is one line, file:line:col field.path: message.",
  options: { ...DECISION_TIMEOUT_OPTION, ...SCENARIO_OPTIONS },
  footer: "Exit codes: 0 every file is valid, 2 a file has problems.",
  async run({ values, positionals }) {
    const overrides = scenarioOverrides("validate", values);
    decisionTimeoutMs("validate", values["decision-timeout"]); // checked here; main.ts's watcher applies it
    let failed = 0;
    for (const file of positionals) {
      try {
        const { scenario, warnings } = loadScenarioFile(file, { overrides });
        for (const w of warnings) console.error(terminalText(w));
        await loadStrategyModules(scenario.strategies, scenario.portUniverse);
        const services = scenario.dynamics.services.length;
        const parts = [
          plural(
            scenario.instanceGroups.reduce((n, g) => n + g.count, 0),
            "instance",
          ),
          plural(scenario.sources.length, "workload source"),
          ...(services > 0 ? [plural(services, "service")] : []),
          plural(scenario.strategies.length, "strategy", "strategies"),
        ];
        console.log(terminalText(`${file}: ok (${scenario.name}: ${parts.join(", ")})`));
      } catch (e) {
        // One line per problem; user text in them cannot move the cursor or recolour the terminal.
        if (e instanceof InputError)
          for (const p of e.problems) console.error(terminalText(formatProblem(p)));
        else if (e instanceof UsageError) console.error(terminalText(`${file}: ${e.message}`));
        else throw e;
        failed++;
      }
    }
    if (failed > 0 && positionals.length > 1)
      console.error(`validate: ${plural(failed, "file")} of ${positionals.length} with problems`);
    return failed > 0 ? 2 : 0;
  },
});
