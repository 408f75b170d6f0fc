import { defineConfig } from "@playwright/test";

/**
 * e2e runs the production build against real PostgreSQL and Meilisearch (started by
 * e2e/global-setup.ts) in Debian's Chromium. Every journey runs twice: with JavaScript
 * and without it. The `http` project checks status codes and headers with no browser;
 * `isolated` runs last, alone, because it compares the whole database before and after.
 */
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  workers: 2,
  retries: 0,
  // Deadlines, not measures: journeys run axe on many pages (without JavaScript, each in a
  // scratch context) on a shared 2-core machine with two workers, and CI may be running
  // beside other work. 60 s, then 120 s, were hit under load; a page that takes 5 s to
  // appear on a busy machine is slow, not broken. Speed lives in `npm run bench`.
  timeout: 300_000,
  expect: { timeout: 20_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  outputDir: "test-results/e2e",
  use: {
    baseURL: process.env.PARLEY_E2E_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumArgs,
    },
  },
  projects: [
    // Demo staff set up two-step sign-in first (e2e/second-factors.ts says why).
    { name: "staff-setup", testMatch: /\.setup\.ts/ },
    {
      name: "with-js",
      dependencies: ["staff-setup"],
      testIgnore: /(http|isolated)\.spec\.ts/,
      // Layout checks of pages whose JavaScript changes nothing on screen run once,
      // without JavaScript (e2e/layout.spec.ts, decision 054).
      grepInvert: /@layout-without-js-only/,
      use: { javaScriptEnabled: true },
    },
    {
      name: "without-js",
      dependencies: ["staff-setup"],
      // Passkeys need JavaScript: their journey is with-JS only (the pages say so without).
      testIgnore: /(http|isolated|js-only)\.spec\.ts/,
      use: { javaScriptEnabled: false },
    },
    { name: "http", testMatch: /http\.spec\.ts/, dependencies: ["staff-setup"] },
    // Whole-database comparisons: only once every other test has finished writing.
    {
      name: "isolated",
      testMatch: /isolated\.spec\.ts/,
      dependencies: ["with-js", "without-js", "http"],
    },
  ],
});
