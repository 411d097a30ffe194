/**
 * Writes scenarios/traces/example.csv, the small trace scenarios/trace-replay.yaml replays: a day of a
 * made-up batch cluster in berth's trace format (docs/traces.md). Deterministic (seeded), so running it
 * again rewrites the same file:  npx tsx scenarios/traces/generate-example.ts
 *
 * Arrivals follow a day-night wave (busier from 09:00 to 18:00), jobs of 1-8 tasks share a group (half of
 * them on distinct instances), shapes come from a few ECS-like sizes, durations are lognormal-ish.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createStream } from "../../src/core/random.ts";

const rng = createStream(2026, "example-trace");
const shapes = [
  { family: "etl", cpu: 512, memory: 2048 },
  { family: "etl", cpu: 1024, memory: 4096 },
  { family: "render", cpu: 2048, memory: 3072 },
  { family: "api", cpu: 256, memory: 512, ports: "8080" },
  { family: "cache", cpu: 512, memory: 6144 },
];
const rows = ["submit,duration,cpu,memory,ports,family,group,distinctInstance"];
let t = 0;
let job = 0;
while (t < 86_400) {
  const hour = t / 3600;
  const perHour = hour >= 9 && hour < 18 ? 30 : 10;
  t += (-Math.log(1 - rng()) * 3600) / perHour;
  if (t >= 86_400) break;
  job++;
  const shape = shapes[Math.floor(rng() * shapes.length)]!;
  const tasks = 1 + Math.floor(rng() * 8);
  const distinct = rng() < 0.5 ? 1 : 0;
  for (let k = 0; k < tasks; k++) {
    const duration = Math.round(
      300 * Math.exp(1.1 * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng())),
    );
    rows.push(
      [
        t.toFixed(1),
        duration,
        shape.cpu,
        shape.memory,
        shape.ports ?? "",
        shape.family,
        `job-${job}`,
        distinct,
      ].join(","),
    );
  }
}
writeFileSync(join(import.meta.dirname, "example.csv"), `${rows.join("\n")}\n`);
console.log(`wrote ${rows.length - 1} tasks of ${job} jobs`);
