/** npm run schema (second half): regenerates scenarios/sweep.schema.json from the sweep file's zod schema. */
import { writeFileSync } from "node:fs";
import { SWEEP_JSON_SCHEMA_FILE, sweepJsonSchema } from "./sweep-schema.ts";

writeFileSync(SWEEP_JSON_SCHEMA_FILE, sweepJsonSchema());
console.log(`wrote ${SWEEP_JSON_SCHEMA_FILE}`);
