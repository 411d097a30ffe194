/** Every import format berth reads, by the name `berth import FORMAT` takes. */
import { importAlibaba2018 } from "./alibaba-2018.ts";
import { importAlibabaGpu2023 } from "./alibaba-gpu-2023.ts";
import { importEcs } from "./ecs.ts";
import { importGoogle2011 } from "./google-2011.ts";
import type { ImportOptions, ImportResult } from "./import-result.ts";

export const IMPORTERS: Record<string, (files: string[], options: ImportOptions) => ImportResult> = {
  "google-2011": importGoogle2011,
  "alibaba-2018": importAlibaba2018,
  "alibaba-gpu-2023": importAlibabaGpu2023,
  ecs: importEcs,
};
