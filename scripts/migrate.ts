/** `npm run db:migrate`: applies pending migrations to the configured database; exits 1 on failure. */
import { readConfig } from "../app/config.server";
import { connectDatabase } from "../db/connect";
import { migrateToLatest } from "../db/migrate";

const config = readConfig();
const database = await connectDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
});
try {
  const { applied } = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
