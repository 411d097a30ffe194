/** Rewrites the golden results from the current engine (see golden.ts for when that is allowed). */
import { mkdirSync, writeFileSync } from "node:fs";
import { expectedPath, GOLDEN_SCENARIOS, goldenText } from "./golden.ts";

mkdirSync("test/golden/expected", { recursive: true });
for (const file of GOLDEN_SCENARIOS) {
  writeFileSync(expectedPath(file), goldenText(file));
  console.log(`wrote ${expectedPath(file)}`);
}
