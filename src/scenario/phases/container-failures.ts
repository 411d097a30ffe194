/**
 * Phase "container failures": failures.containers to (shape, container) pairs with their time to failure
 * (ratePerHour becomes an exponential) and start-failure probability.
 */
import type { DistributionSpec } from "../../core/distributions.ts";
import { CONTAINER_SLOTS } from "../../model/container-slots.ts";
import type { FieldPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";

export const containerFailuresPhase: CompilePhase = {
  name: "container failures",
  reads: ["failures"],
  uses: ["task definitions"],
  run(ctx) {
    const { s, report, shapes } = ctx;
    (s.failures?.containers ?? []).forEach((c, k) => {
      const at: FieldPath = ["failures", "containers", k];
      const shape = ctx.family(c.taskDefinition, [...at, "taskDefinition"]);
      if (shape === undefined) return;
      if (shapes[shape]!.containers.length > CONTAINER_SLOTS) {
        report.error(
          [...at, "taskDefinition"],
          `failures are modelled for tasks of at most ${CONTAINER_SLOTS} containers`,
        );
        return;
      }
      const container = shapes[shape]!.containers.findIndex((x) => x.name === c.container);
      if (container < 0) {
        report.error(
          [...at, "container"],
          `task definition "${c.taskDefinition}" has no container "${c.container}"`,
        );
        return;
      }
      const ttf: DistributionSpec | undefined =
        c.ratePerHour !== undefined
          ? { type: "exponential", mean: 3600 / c.ratePerHour }
          : (c.timeToFailure as DistributionSpec | undefined);
      ctx.containerFailures.push({
        shape,
        container,
        essential: shapes[shape]!.containers[container]!.essential,
        ...(ttf ? { timeToFailure: ttf } : {}),
        startFailureProbability: c.startFailureProbability ?? 0,
        startFailureAfter: c.startFailureAfter,
      });
    });
  },
};
