/** Phase "gates": each regression gate parsed, and the strategy it names checked against the scenario's. */
import { parseGate } from "../parse-gate.ts";
import { type FieldPath, formatPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";

export const gatesPhase: CompilePhase = {
  name: "gates",
  reads: ["gates", "services"],
  uses: ["strategies"],
  run(ctx) {
    const { s, report, strategyNames: names } = ctx;
    (s.gates ?? []).forEach((text, i) => {
      const path: FieldPath = ["gates", i];
      const gate = parseGate(
        text,
        report.where?.(path) ?? formatPath(path),
        (s.services ?? []).map((x) => x.name),
      );
      if (typeof gate === "string") report.error(path, gate);
      else if (gate.strategy !== undefined && !names.has(gate.strategy)) {
        report.error(path, `gate names strategy "${gate.strategy}", not one of ${[...names].join(", ")}`);
      } else ctx.gates.push(gate);
    });
  },
};
