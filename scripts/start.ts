/**
 * `npm start` (after scripts/run.js has built what changed): opens the database (PGlite unless DATABASE_URL),
 * migrates, seeds the demo council into an empty database, starts or connects to
 * Meilisearch, then serves. Ctrl-C or SIGTERM stops everything, Meilisearch included.
 */
import { chmodSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { readConfig } from "../app/config.server";
import { createLogger } from "../app/log.server";
import { rebuildSearchIndex } from "../app/jobs/search-sync.server";
import { createSearchService, type SearchService } from "../app/search.server";
import { createAppServices } from "../app/services.server";
import { connectDatabase, type DatabaseHandle } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { DEMO_ACCOUNTS } from "../seeds/accounts";
import { isDatabaseEmpty, seedDemoCouncil } from "../seeds/demo-council";
import { chooseSearch, type SearchChoice } from "./lib/embedded-search";
import { createHttpApp, loadServerBuild } from "../app/server/http-server";
import { createMailDelivery, siteSecret } from "./lib/local-secrets";
import { recordDatabaseQuery, timedSearchService } from "../app/server/request-timing";
import { startWorker } from "./lib/worker";

const config = readConfig();
const log = createLogger();
const cleanups: (() => Promise<void> | void)[] = [];
let stopping = false;

async function stop(exitCode: number) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.reverse()) {
    await Promise.resolve(cleanup()).catch((error: unknown) =>
      log.error({ err: error }, "cleanup failed"),
    );
  }
  process.exit(exitCode);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
// A bug that throws outside any request leaves the process in an unknown state: log it,
// stop everything we started (Meilisearch included), and exit for the supervisor to restart.
process.on("uncaughtException", (error) => {
  log.fatal({ err: error }, "uncaught exception; stopping");
  void stop(1);
});
// A promise nobody awaited failed: worth a loud log line, not the site.
process.on("unhandledRejection", (reason) => {
  log.error({ err: reason }, "unhandled promise rejection");
});

async function main() {
  // PGlite's files, Meilisearch's index, mail and the generated secrets: this user's only.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);

  const search: SearchChoice = await chooseSearch(config);
  if (search.kind === "embedded") {
    cleanups.push(() => search.process.stop());
    // Whatever way this process ends, Meilisearch ends with it.
    process.once("exit", () => search.process.kill());
  }

  const database: DatabaseHandle = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onQuery: recordDatabaseQuery,
  });
  cleanups.push(() => database.close());
  const { applied } = await migrateToLatest(database.db);
  if (applied.length) log.info({ applied }, "migrations applied");

  const seedDemo = config.seedDemo;
  if (seedDemo && (await isDatabaseEmpty(database.db))) {
    console.log("Seeding the Northbridge Borough Council demo…");
    const counts = await seedDemoCouncil(database.db, { now: new Date() });
    log.info(counts, "demo council seeded");
  }

  const searchService =
    search.kind === "none"
      ? null
      : createSearchService({
          url: search.url,
          apiKey: search.apiKey,
          indexUid: config.searchIndex,
        });
  if (searchService) await prepareSearch(database.db, searchService);
  const services = createAppServices({
    config,
    db: database.db,
    dbKind: database.kind,
    search: searchService && timedSearchService(searchService),
    log,
    secret: siteSecret(config),
  });
  cleanups.push(() => services.pageViews.stop());
  const app = createHttpApp(services, await loadServerBuild(), { poolUse: database.poolUse });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once("error", reject);
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  // The worker starts once the address is known: links in its mail point here.
  if (config.runWorker) {
    const worker = startWorker(
      database.db,
      log,
      { search: searchService, mail: createMailDelivery(config, `http://${config.host}:${port}`) },
      database.listen,
    );
    cleanups.push(() => worker.stop());
  }

  printBanner(`http://${config.host}:${port}`, database, search, seedDemo);
}

/**
 * Applies the index settings (idempotent) and fills an empty index from the database,
 * e.g. after the demo was seeded. If Meilisearch is down, the site starts anyway and
 * search answers in its limited mode.
 */
async function prepareSearch(db: DatabaseHandle["db"], search: SearchService): Promise<void> {
  try {
    await search.prepareIndex();
    if ((await search.countDocuments()) === 0 && !(await isDatabaseEmpty(db))) {
      const { documents } = await rebuildSearchIndex(db, search);
      log.info({ documents }, "search index built");
    }
  } catch (error) {
    log.warn({ err: error }, "search is unavailable; starting in limited search mode");
  }
}

function printBanner(url: string, database: DatabaseHandle, search: SearchChoice, demo: boolean) {
  const lines = [
    "",
    `Parley is running at ${url}`,
    `  database: ${database.kind === "pglite" ? `PGlite (embedded) in ${database.location}` : database.location}`,
    `  search:   ${
      search.kind === "none"
        ? `OFF — ${search.reason}`
        : search.kind === "embedded"
          ? `local Meilisearch at ${search.url}`
          : `Meilisearch at ${search.url}`
    }`,
    `  mail:     ${config.smtpUrl ? "SMTP" : `written as .eml files to ${config.dataDir}/mail`}`,
  ];
  if (demo) {
    lines.push("", "Demo accounts (demo data only):");
    for (const account of DEMO_ACCOUNTS) {
      lines.push(`  ${account.role.padEnd(10)} ${account.email.padEnd(32)} ${account.password}`);
    }
  }
  lines.push("", "Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch(async (error: unknown) => {
  log.fatal({ err: error }, "Parley could not start");
  console.error(
    `\nParley could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  await stop(1);
});
