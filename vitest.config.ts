import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit tests: pure code beside its source. Integration tests over HTTP live in e2e/api and run
// through vitest.e2e.config.ts against a started server (see lib/cli/test.ts).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "prisma/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
