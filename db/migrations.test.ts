/**
 * A shipped migration never changes: databases that ran it will never run it again, so
 * an edit reaches only new installs and the two drift apart (as sessions.user_agent did).
 * Every migration's SHA-256 is recorded in db/migrations/shipped.json when it ships;
 * this test fails when a recorded file changes, or when a migration is not recorded.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, PostgresDialect, sql, type MigrationProvider } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { migrateToLatest } from "./migrate";
import { migrations } from "./migrations/index";

const FOLDER = path.resolve("db/migrations");
const shipped = JSON.parse(readFileSync(path.join(FOLDER, "shipped.json"), "utf8")) as Record<
  string,
  string
>;

const migrationFiles = readdirSync(FOLDER)
  .filter((file) => file.endsWith(".ts") && file !== "index.ts")
  .map((file) => file.slice(0, -3));

describe("shipped migrations", () => {
  it("lists every migration file in the migrator, in order", () => {
    expect(Object.keys(migrations)).toEqual([...migrationFiles].sort());
  });

  it.each(migrationFiles)("%s is recorded and unchanged since it shipped", (name) => {
    const sum = createHash("sha256")
      .update(readFileSync(path.join(FOLDER, `${name}.ts`)))
      .digest("hex");
    expect(
      shipped[name],
      `${name} is not in db/migrations/shipped.json: add "${name}": "${sum}" when it ships`,
    ).toBeDefined();
    expect(sum, `${name} changed after it shipped: put the change in a new migration instead`).toBe(
      shipped[name],
    );
  });
});

const provider: MigrationProvider = { getMigrations: async () => migrations };
const BEFORE_USER_AGENT = "2026-11-23T1800_accounts_and_privacy";

async function hasUserAgentColumn(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.columns
    where table_name = 'sessions' and column_name = 'user_agent'`.execute(db);
  return rows[0]!.n === 1;
}

/** A database migrated while 1800 lacked the column, or after it was (wrongly) edited in. */
async function upgradeFromBetween(db: Kysely<unknown>, editedVersionRan: boolean) {
  const { error } = await new Migrator({ db, provider }).migrateTo(BEFORE_USER_AGENT);
  expect(error).toBeUndefined();
  expect(await hasUserAgentColumn(db)).toBe(false);
  if (editedVersionRan) await sql`alter table sessions add column user_agent text`.execute(db);
  await migrateToLatest(db);
  expect(await hasUserAgentColumn(db)).toBe(true);
}

describe("sessions.user_agent reaches every database", () => {
  it.each([false, true])(
    "on PGlite, whether or not the edited migration had run (%s)",
    async (editedVersionRan) => {
      const db = new Kysely<unknown>({ dialect: new PGliteDialect(await PGlite.create()) });
      try {
        await upgradeFromBetween(db, editedVersionRan);
      } finally {
        await db.destroy();
      }
    },
  );

  it("on PostgreSQL 15, for a database migrated before the column existed", async () => {
    const adminUrl = inject("postgresAdminUrl");
    expect(adminUrl, "the harness always provides PostgreSQL").toBeTruthy();
    const name = `parley_upgrade_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl! });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString() });
    // Dropping the database with (force) terminates whatever the pool still holds.
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      await upgradeFromBetween(db, false);
    } finally {
      await db.destroy();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});
