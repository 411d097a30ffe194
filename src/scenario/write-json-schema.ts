/** npm run schema: regenerates scenarios/scenario.schema.json from the zod schema. */
import { writeFileSync } from "node:fs";
import { JSON_SCHEMA_FILE, scenarioJsonSchema } from "./json-schema.ts";

writeFileSync(JSON_SCHEMA_FILE, scenarioJsonSchema());
console.log(`wrote ${JSON_SCHEMA_FILE}`);
