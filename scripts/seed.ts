/**
 * `npm run seed` seeds the demo council into an empty database.
 * `npm run seed -- --scale N` adds N more copies of the demo's issues, threads and
 * posts (about 470 posts each): the flat stress case, every issue open at once.
 * `npm run seed -- --posts N` adds a council after ten years of use with N more posts
 * (seeds/ten-year-council.ts): what the benchmark's large scale runs on. PostgreSQL only.
 * Both show progress.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { readConfig } from "../app/config.server";
import { connectDatabase } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { isDatabaseEmpty, seedDemoCouncil, seedVolume } from "../seeds/demo-council";
import { seedTenYearCouncil } from "../seeds/ten-year-council";

const { values } = parseArgs({
  options: { scale: { type: "string", default: "0" }, posts: { type: "string", default: "0" } },
});
const scale = Number(values.scale);
const posts = Number(values.posts);
if (!Number.isInteger(scale) || scale < 0 || scale > 100_000) {
  console.error("--scale must be a whole number from 0 to 100000");
  process.exit(2);
}
if (!Number.isInteger(posts) || posts < 0 || posts > 20_000_000) {
  console.error("--posts must be a whole number from 0 to 20000000");
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
  } else if (scale === 0 && posts === 0) {
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
  if (posts > 0) {
    if (database.kind !== "postgres") throw new Error("--posts needs DATABASE_URL (PostgreSQL)");
    const bar = new cliProgress.SingleBar(
      { format: "Ten-year council: {stage} [{bar}] {value}/{total} · {eta_formatted} left" },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { stage: "residents" });
    const started = Date.now();
    const added = await seedTenYearCouncil(database.db, {
      posts,
      now,
      onProgress: (stage, done, total) => {
        bar.setTotal(total);
        bar.update(done, { stage });
      },
    });
    bar.stop();
    console.log(
      `Added ten years: ${added.issues} issues (${added.openIssues} open now), ${added.threads} threads, ${added.posts} posts, ${added.supports} supports, ${added.outcomes} outcomes and ${added.residents} residents in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
} finally {
  await database.close();
}
