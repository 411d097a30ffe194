import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The simulator is CPU-bound; two workers match the machine and keep runs predictable.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
