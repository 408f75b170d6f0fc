/**
 * sessions.user_agent: the browser that signed in, so people can tell their sessions
 * apart. It was first added by editing the shipped 2026-11-23T1800 migration, so a
 * database migrated before that edit never got it, while one migrated after already
 * has it: IF NOT EXISTS makes this right for both (PostgreSQL 15 and PGlite alike).
 */
// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sessions add column if not exists user_agent text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sessions drop column if exists user_agent`.execute(db);
}
