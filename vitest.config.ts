import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One temporary folder per run, removed at its end: tests leave nothing behind in /tmp.
    globalSetup: ["test/helpers/run-temp-dir.ts"],
    // The simulator is CPU-bound; two workers match the machine and keep runs predictable.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
