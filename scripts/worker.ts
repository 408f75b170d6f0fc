/**
 * `npm run worker`: the background worker as a process of its own, for deployments that
 * run app servers with PARLEY_WORKER=off. Any number may run: events are claimed with
 * SKIP LOCKED. Needs DATABASE_URL (PGlite allows one process per data folder).
 */
import { readConfig } from "../app/config.server";
import { createLogger } from "../app/log.server";
import { connectDatabase } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { createSearchService } from "../app/search.server";
import { createMailDelivery } from "./lib/local-secrets";
import { startWorker } from "./lib/worker";

const config = readConfig();
const log = createLogger();
if (!config.databaseUrl) {
  console.error(
    "npm run worker needs DATABASE_URL; with PGlite, npm start runs the worker itself.",
  );
  process.exit(2);
}
const database = await connectDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
});
await migrateToLatest(database.db);
// Search sync needs the same Meilisearch the app uses; without MEILI_URL it is skipped.
const search = config.meiliUrl
  ? createSearchService({
      url: config.meiliUrl,
      apiKey: config.meiliMasterKey,
      indexUid: config.searchIndex,
    })
  : null;
if (!search) log.warn("MEILI_URL is not set: search sync events are marked done unapplied");
if (!config.publicOrigin) log.warn("PUBLIC_ORIGIN is not set: links in mail point to localhost");
const worker = startWorker(
  database.db,
  log,
  { search, mail: createMailDelivery(config, `http://${config.host}:${config.port}`) },
  database.listen,
);
log.info("worker started");
const stop = async () => {
  await worker.stop();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
