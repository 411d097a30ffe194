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

export const DistributionSchema = z.discriminatedUnion("type", [
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
