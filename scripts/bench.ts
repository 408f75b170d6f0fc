/**
 * `npm run bench`: the moderation engine's worst case on adversarial posts, then search
 * latency through HTTP, as a resident's browser sees it, and search freshness.
 * Starts a throwaway PostgreSQL (or uses DATABASE_URL) and its own Meilisearch, seeds
 * the demo council (plus `--scale N` copies), starts the production server, then times
 * `--requests` searches from a fixed mix of typical queries: first with Meilisearch,
 * then with Meilisearch stopped (the PostgreSQL limited mode). Prints p50/p95/p99.
 *
 *   npm run bench -- --scale 10 --requests 300
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import pg from "pg";
import { benchModerationEngine, ENGINE_TARGET_MS } from "./lib/engine-bench";
import { benchFreshness } from "./lib/freshness-bench";
import { startLocalMeilisearch, stopChild } from "./lib/meilisearch-process";
import { hasPostgresBinaries, startTestCluster } from "./lib/postgres-cluster";
import { findFreePort, waitFor } from "./lib/process-tools";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "0" },
    requests: { type: "string", default: "300" },
  },
});
const scale = Number(values.scale);
const requests = Number(values.requests);
if (!Number.isInteger(scale) || scale < 0 || !Number.isInteger(requests) || requests < 10) {
  console.error("Usage: npm run bench -- [--scale N] [--requests N (>= 10)]");
  process.exit(2);
}

const QUERIES = [
  "library opening hours",
  "libary opening ours",
  "potholes",
  "bins",
  "street lighting",
  "bus stop",
  "cycle lane station road",
  "budget",
  "community garden",
  "parking permits",
  "school",
  "flooding",
];

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

async function timeSearches(base: string, label: string): Promise<string> {
  for (const q of QUERIES) await fetch(`${base}/search?q=${encodeURIComponent(q)}`); // warm up
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(22)} [{bar}] {value}/{total} requests` },
    cliProgress.Presets.shades_classic,
  );
  bar.start(requests, 0);
  const times: number[] = [];
  let limited = 0;
  for (let i = 0; i < requests; i++) {
    const q = QUERIES[i % QUERIES.length] ?? "bins";
    const started = process.hrtime.bigint();
    const response = await fetch(`${base}/search?q=${encodeURIComponent(q)}&page=1`);
    const html = await response.text();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!response.ok) throw new Error(`search answered ${response.status}`);
    if (html.includes("limited mode")) limited++;
    bar.update(i + 1);
  }
  bar.stop();
  times.sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(1)} ms`;
  return `${label}: p50 ${f(percentile(times, 50))} · p95 ${f(percentile(times, 95))} · p99 ${f(percentile(times, 99))} (${requests} requests, ${limited} in limited mode)`;
}

const engine = benchModerationEngine();
const engineLine = `Moderation engine, worst 20 KB adversarial post (500 blocked terms): ${engine.medianMs.toFixed(2)} ms ("${engine.worst}"); target < ${ENGINE_TARGET_MS} ms: ${engine.medianMs < ENGINE_TARGET_MS ? "met" : "NOT met"}`;
console.log(engineLine);

const cleanups: (() => Promise<void> | void)[] = [];
const workDir = mkdtempSync(path.join(os.tmpdir(), "parley-bench-"));
cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
try {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    if (!hasPostgresBinaries())
      throw new Error("bench needs DATABASE_URL or PostgreSQL 15 binaries");
    const cluster = await startTestCluster();
    cleanups.push(() => cluster.stop());
    adminUrl = cluster.adminUrl;
  }
  const dbName = `parley_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;

  const masterKey = "bench-master-key-0123456789abcdef";
  const meili = await startLocalMeilisearch({ dataDir: path.join(workDir, "meili"), masterKey });
  cleanups.push(() => meili.stop());

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: masterKey,
    PARLEY_DATA_DIR: workDir,
    PARLEY_SEARCHES_PER_MINUTE: "1000000",
    LOG_LEVEL: "warn",
  };
  console.log(`Seeding the demo council${scale ? ` plus ${scale} copies` : ""}…`);
  const seeded = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/seed.ts", "--scale", String(scale)],
    {
      env,
      stdio: "inherit",
    },
  );
  if (seeded.status !== 0) throw new Error("seeding failed");

  const port = await findFreePort();
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  cleanups.push(() => stopChild(server));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true, {
    timeoutMs: 180_000,
    what: "the Parley server",
    intervalMs: 250,
  });

  const lines = [await timeSearches(base, "Meilisearch")];
  const freshness = await benchFreshness({
    databaseUrl: dbUrl.toString(),
    meiliUrl: meili.url,
    meiliKey: masterKey,
    samples: 20,
  });
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  lines.push(
    `Search freshness (reply committed → findable, 20 replies): p50 ${ms(freshness.p50)} · p95 ${ms(freshness.p95)} · max ${ms(freshness.max)}`,
  );
  await meili.stop();
  lines.push(await timeSearches(base, "Limited mode (PG FTS)"));
  console.log(
    [
      "",
      engineLine,
      `Search latency through HTTP on ${os.cpus().length} cores:`,
      ...lines.map((l) => `  ${l}`),
    ].join("\n"),
  );
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
}
