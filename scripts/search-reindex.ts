/**
 * `npm run search:reindex` rebuilds the search index from PostgreSQL with zero downtime:
 * a new index is filled (with a progress bar) while searches keep using the live one,
 * then the two are swapped atomically. With the embedded defaults (PGlite and a local
 * Meilisearch) stop `npm start` first, as both allow one process per data folder.
 */
import cliProgress from "cli-progress";
import { readConfig } from "../app/config.server";
import { rebuildSearchIndex } from "../app/jobs/search-sync.server";
import { createSearchService } from "../app/search.server";
import { connectDatabase } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { chooseSearch } from "./lib/embedded-search";

const config = readConfig();
const choice = await chooseSearch(config);
if (choice.kind === "none") {
  console.error(`Search is not available: ${choice.reason}.`);
  process.exit(2);
}
const database = await connectDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
});
const bar = new cliProgress.SingleBar(
  { format: "Reading [{bar}] {value}/{total} posts · {eta_formatted} left" },
  cliProgress.Presets.shades_classic,
);
// Meilisearch indexes what it was sent after the reading ends, and at a million posts
// that takes longer than the reading: a second bar shows its queue draining.
const indexingBar = new cliProgress.SingleBar(
  { format: "Indexing [{bar}] {value}/{total} batches applied · {eta_formatted} left" },
  cliProgress.Presets.shades_classic,
);
let queued: number | null = null;
try {
  await migrateToLatest(database.db);
  const search = createSearchService({
    url: choice.url,
    apiKey: choice.apiKey,
    indexUid: config.searchIndex,
  });
  const started = Date.now();
  bar.start(1, 0);
  const { documents } = await rebuildSearchIndex(database.db, search, {
    onProgress: (done, total) => {
      bar.setTotal(Math.max(total, 1));
      bar.update(done);
    },
    onIndexing: (waiting) => {
      if (queued === null) {
        bar.stop();
        queued = Math.max(waiting, 1);
        indexingBar.start(queued, 0);
      }
      indexingBar.update(queued - waiting);
    },
  });
  bar.stop();
  indexingBar.stop();
  console.log(
    `Indexed ${documents} documents in ${((Date.now() - started) / 1000).toFixed(1)} s and swapped them in.`,
  );
} catch (error) {
  bar.stop();
  indexingBar.stop();
  console.error("The rebuild failed; the live index is unchanged.", error);
  process.exitCode = 1;
} finally {
  await database.close();
  if (choice.kind === "embedded") await choice.process.stop();
}
