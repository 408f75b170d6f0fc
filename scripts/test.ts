/**
 * `npm test`: every check, in order — typecheck, lint, build, Vitest (unit and
 * integration on real PostgreSQL and Meilisearch), Playwright e2e (with and without
 * JavaScript, axe on every page). Stops at the first failing step; ends with one
 * plain "N passed, N failed" line for CI.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
}

const STEPS: Step[] = [
  { name: "typecheck", command: ["npx", "--no-install", "tsc", "--noEmit"] },
  { name: "lint", command: ["npm", "run", "--silent", "lint"] },
  { name: "build", command: ["node", "scripts/build.js"] },
  {
    name: "unit and integration (Vitest)",
    command: [
      "npx",
      "--no-install",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      "--outputFile.json=test-results/vitest.json",
    ],
  },
  {
    name: "end to end (Playwright)",
    command: ["npx", "--no-install", "playwright", "test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json" },
  },
];

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

function tallyVitest(): Tally {
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>("test-results/vitest.json");
  if (!report) return { passed: 0, failed: 0, skipped: 0 };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function tallyPlaywright(): Tally {
  const report = readJson<{
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  }>("test-results/playwright.json");
  if (!report) return { passed: 0, failed: 0, skipped: 0 };
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected, failed: unexpected + flaky, skipped };
}

mkdirSync("test-results", { recursive: true });
// Reports from an earlier run must not be counted as this run's.
for (const report of ["test-results/vitest.json", "test-results/playwright.json"])
  rmSync(report, { force: true });
const started = Date.now();
let failedStep: string | null = null;
for (const step of STEPS) {
  const stepStarted = Date.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.command[0] ?? "", step.command.slice(1), {
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.log(`✘ ${step.name} failed after ${seconds} s`);
    failedStep = step.name;
    break;
  }
  console.log(`✔ ${step.name} (${seconds} s)`);
}

const vitest = tallyVitest();
const playwright = tallyPlaywright();
const total = (Date.now() - started) / 1000;
console.log(
  `\nVitest: ${vitest.passed} passed, ${vitest.failed} failed · Playwright: ${playwright.passed} passed, ${playwright.failed} failed · ${total.toFixed(0)} s`,
);
if (failedStep && vitest.failed + playwright.failed === 0) {
  console.log(`The step "${failedStep}" failed.`);
}
const failed = vitest.failed + playwright.failed + (failedStep ? 1 : 0);
console.log(`${vitest.passed + playwright.passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
