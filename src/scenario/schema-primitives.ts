/**
 * Schema pieces shared by the scenario sections (schema.ts) and the dynamics sections (dynamics-schema.ts):
 * durations and duration distributions.
 */
import { z } from "zod";
import { parseDuration } from "../core/duration.ts";

export const Duration = z
  .union([z.number().nonnegative(), z.string()])
  .refine((v) => parseDuration(v) !== undefined, {
    message: 'expected a duration: seconds as a number, or a string like "90s", "20m", "4h", "1h30m"',
  })
  .transform((v) => parseDuration(v)!)
  .meta({ description: 'Seconds, or a string like "250ms", "90s", "20m", "4h", "1d", "1h30m".' });

/** A duration that must be greater than zero (intervals, periods, sampling steps, mean times, the horizon). */
export const PositiveDuration = Duration.refine((v) => v > 0, {
  message: "must be greater than 0 (a zero interval, period or mean time never advances time)",
});

/**
 * Parameters that parse but cannot describe a distribution, reported at the field (so at file:line:col)
 * before anything runs. Mirrors the checks compileDistribution makes.
 */
function distributionProblem(d: DistributionShape): { field: string; message: string } | undefined {
  switch (d.type) {
    case "uniform":
      return d.max >= d.min
        ? undefined
        : { field: "max", message: `uniform needs max >= min (min is ${d.min})` };
    case "exponential":
      return d.mean > 0 ? undefined : { field: "mean", message: "exponential needs a mean greater than 0" };
    case "lognormal":
      if (d.median === undefined || d.p95 === undefined) return undefined;
      if (!(d.median > 0)) return { field: "median", message: "lognormal needs a median greater than 0" };
      return d.p95 > d.median
        ? undefined
        : { field: "p95", message: `lognormal needs p95 > median (median is ${d.median})` };
    case "empirical": {
      if (d.weights === undefined) return undefined;
      if (d.weights.length !== d.values.length)
        return {
          field: "weights",
          message: `empirical needs one weight per value (${d.values.length} values, ${d.weights.length} weights)`,
        };
      return d.weights.some((w) => w > 0)
        ? undefined
        : { field: "weights", message: "empirical weights must not all be zero" };
    }
    default:
      return undefined;
  }
}

type DistributionShape = z.output<typeof DistributionShapes>;

const DistributionShapes = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("constant"), value: Duration }),
  z.strictObject({ type: z.literal("uniform"), min: Duration, max: Duration }),
  z.strictObject({ type: z.literal("exponential"), mean: Duration }),
  z
    .strictObject({
      type: z.literal("lognormal"),
      median: Duration.optional(),
      p95: Duration.optional(),
      mu: z.number().optional(),
      sigma: z.number().nonnegative().optional(),
    })
    .refine(
      (d) =>
        (d.median !== undefined && d.p95 !== undefined && d.mu === undefined && d.sigma === undefined) ||
        (d.mu !== undefined && d.sigma !== undefined && d.median === undefined && d.p95 === undefined),
      { message: "lognormal takes either median and p95, or mu and sigma (of the log, in seconds)" },
    ),
  z.strictObject({
    type: z.literal("empirical"),
    values: z.array(Duration).min(1),
    weights: z.array(z.number().nonnegative()).optional(),
  }),
]);

export const DistributionSchema = DistributionShapes.superRefine((d, ctx) => {
  const problem = distributionProblem(d);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
});
