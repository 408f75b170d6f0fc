/**
 * `npm run seed` seeds the demo council into an empty database.
 * `npm run seed -- --scale N` adds N more copies of the demo's issues, threads and
 * posts (about 470 posts each) for volume testing and benchmarks, with a progress bar.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { readConfig } from "../app/config.server";
import { connectDatabase } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { isDatabaseEmpty, seedDemoCouncil, seedVolume } from "../seeds/demo-council";

const { values } = parseArgs({ options: { scale: { type: "string", default: "0" } } });
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 0 || scale > 100_000) {
  console.error("--scale must be a whole number from 0 to 100000");
  process.exit(2);
}

const config = readConfig();
const database = await connectDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
});
const now = new Date();
try {
  await migrateToLatest(database.db);
  if (await isDatabaseEmpty(database.db)) {
    const counts = await seedDemoCouncil(database.db, { now });
    console.log(
      `Seeded the demo council: ${counts.issues} issues, ${counts.threads} threads, ${counts.posts} posts.`,
    );
  } else if (scale === 0) {
    console.log("The database already has data; nothing to seed. Use --scale N to add volume.");
  }
  if (scale > 0) {
    const bar = new cliProgress.SingleBar(
      { format: "Adding volume [{bar}] {value}/{total} copies · {eta_formatted} left" },
      cliProgress.Presets.shades_classic,
    );
    bar.start(scale, 0);
    const started = Date.now();
    const added = await seedVolume(database.db, {
      copies: scale,
      now,
      onProgress: (done) => bar.update(done),
    });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `Added ${added.issues} issues, ${added.threads} threads and ${added.posts} posts in ${seconds.toFixed(1)} s.`,
    );
  }
} finally {
  await database.close();
}
