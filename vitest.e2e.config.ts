import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests: real HTTP against a running Leadflow server and a real database.
// LEADFLOW_TEST_BASE_URL names the server; lib/cli/test.ts starts one per database.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["e2e/api/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
