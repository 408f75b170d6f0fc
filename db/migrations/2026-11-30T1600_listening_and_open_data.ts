/**
 * Listening metrics and open data:
 * - figure_snapshots: computed listening figures per scope, so that the public page and
 *   the staff dashboard read one row at any size; the worker recomputes a stale one.
 * - page_views_daily: how often an issue's pages and its threads' pages were viewed, per
 *   day. Aggregate counts only: no cookie, no address, no account is recorded.
 * - open_data_changes: one row per statement that changed public content, so that a
 *   download's ETag and Last-Modified come from the same snapshot as its rows.
 */
// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

const WATCHED = [
  "areas",
  "categories",
  "issues",
  "threads",
  "posts",
  "supports",
  "outcomes",
  "outcome_revisions",
  "outcome_citations",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table figure_snapshots (
    scope text primary key,
    figures jsonb not null,
    computed_at timestamptz not null,
    refresh_requested_at timestamptz
  )`.execute(db);
  await sql`create table page_views_daily (
    day date not null,
    issue_id integer not null references issues (id) on delete cascade,
    thread_id integer references threads (id) on delete cascade,
    views integer not null,
    unique nulls not distinct (day, issue_id, thread_id)
  )`.execute(db);
  await sql`create index page_views_daily_issue on page_views_daily (issue_id, day)`.execute(db);
  await sql`create table open_data_changes (
    id bigserial primary key,
    changed_at timestamptz not null default now(),
    source text not null
  )`.execute(db);
  await sql`create function record_open_data_change() returns trigger language plpgsql as $$
    begin
      insert into open_data_changes (source) values (tg_table_name);
      return null;
    end $$`.execute(db);
  for (const table of WATCHED)
    await sql`create trigger ${sql.raw(`${table}_open_data_change`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function record_open_data_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of WATCHED)
    await sql`drop trigger ${sql.raw(`${table}_open_data_change`)} on ${sql.table(table)}`.execute(
      db,
    );
  await sql`drop function record_open_data_change()`.execute(db);
  await sql`drop table open_data_changes`.execute(db);
  await sql`drop table page_views_daily`.execute(db);
  await sql`drop table figure_snapshots`.execute(db);
}
