import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    // Only our unit and integration tests: Playwright's *.spec.ts files live in e2e/.
    include: ["{app,db,moderation,seeds,scripts}/**/*.test.{ts,tsx}"],
    globalSetup: ["scripts/test-harness/vitest-global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
