/** Phase "load factor": scales the arrival rates (and, if asked, service counts) before anything reads them. */
import { applyLoadFactor } from "../load-factor.ts";
import type { CompilePhase } from "./context.ts";

export const loadFactorPhase: CompilePhase = {
  name: "load factor",
  reads: ["loadFactor", "loadFactorServices", "workload", "services"],
  run(ctx) {
    ctx.s = applyLoadFactor(ctx.validated);
  },
};
