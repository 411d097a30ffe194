/** Phase "run window": the horizon and the warm-up cut from its start. */
import type { CompilePhase } from "./context.ts";

export const runWindowPhase: CompilePhase = {
  name: "run window",
  reads: ["horizon", "warmup"],
  run(ctx) {
    const { s, report } = ctx;
    if (s.horizon <= 0) report.error(["horizon"], "horizon must be longer than 0s");
    ctx.warmup = s.warmup ?? 0;
    if (ctx.warmup >= s.horizon && s.horizon > 0)
      report.error(["warmup"], "warmup must be shorter than the horizon");
  },
};
