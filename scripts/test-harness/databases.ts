/**
 * Isolated databases for tests. A template database is migrated once per run; each
 * test file clones it (CREATE DATABASE … TEMPLATE, a file copy: milliseconds) so no
 * two test files share state and their order never matters.
 */
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { Database } from "../../db/schema";
import { migrateToLatest } from "../../db/migrate";

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates and migrates the template every test database is cloned from. */
export async function createTemplateDatabase(adminUrl: string): Promise<string> {
  const name = `parley_template_${randomBytes(4).toString("hex")}`;
  await runAdmin(adminUrl, `create database ${name}`);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: withDatabase(adminUrl, name), max: 1 }),
    }),
  });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return name;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await runAdmin(adminUrl, `drop database if exists ${name} with (force)`);
}

export interface TestDatabase {
  db: Kysely<Database>;
  /** A connection URL, for code under test that opens its own connections. */
  url: string | null;
  close(): Promise<void>;
}

/** A fresh, migrated database of one's own; `close()` drops it. */
export async function cloneTestDatabase(
  adminUrl: string | null,
  template: string | null,
): Promise<TestDatabase> {
  if (!adminUrl || !template) {
    const pglite = await PGlite.create();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(db);
    return { db, url: null, close: () => db.destroy() };
  }
  const name = `parley_test_${randomBytes(5).toString("hex")}`;
  await runAdmin(adminUrl, `create database ${name} template ${template}`);
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // Dropping the database at close terminates what the pool still holds: not an error.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    url,
    close: async () => {
      await db.destroy();
      await dropDatabase(adminUrl, name);
    },
  };
}
