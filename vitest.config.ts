import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    // Only our unit and integration tests: Playwright's *.spec.ts files live in e2e/.
    include: ["{app,db,moderation,seeds,scripts}/**/*.test.{ts,tsx}"],
    globalSetup: ["scripts/test-harness/vitest-global-setup.ts"],
    // Deadlines, not speed targets: a test that talks to Meilisearch or PostgreSQL on a
    // busy shared 2-core machine can take many times its usual second. Speed is `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
