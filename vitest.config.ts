import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests run the compiled entry points: dist/ is rebuilt first if a source is newer.
    globalSetup: ["test/helpers/build-setup.ts"],
    // Much of the suite waits on child processes, sockets and timers, so two test files at a time pay even on two
    // cores (vitest's default is one fewer worker than cores: one, on two).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Model loading, child processes and a real Discord client take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
