/**
 * The version of Parley's public content, for downloads' ETag and Last-Modified. A
 * trigger on every table that public content comes from adds a row to
 * open_data_changes per statement (migration 2026-11-30T1600), so the version moves on
 * every change. Both the highest id and the count are in it: ids are taken in statement
 * order, but transactions commit in any order, and a late commit of a lower id still
 * changes the count. Issue phases move with the clock (an issue closes on its date
 * without any write), so the number of opening and closing dates already passed is in
 * it too.
 *
 * The version is read before the rows: a change that lands while a download streams
 * gives the next request a different version, so no client keeps a stale copy.
 */
import { sql, type Kysely } from "kysely";
import { createHash } from "node:crypto";
import type { Database } from "../../../db/schema";

/** Rows older than this are folded away by the worker (the count changes once, harmlessly). */
const KEEP_CHANGES_MS = 60 * 60_000;

export interface ContentVersion {
  /** Opaque: changes whenever any public content (or an issue's phase) may have changed. */
  tag: string;
  /** The latest change's time, or null before any. */
  lastModified: Date | null;
}

export async function readContentVersion(db: Kysely<Database>, now: Date): Promise<ContentVersion> {
  const { rows } = await sql<{
    max_id: string | null;
    changes: number;
    last: Date | null;
    passed: number;
  }>`
    select
      (select max(id) from open_data_changes)::text as max_id,
      (select count(*)::int from open_data_changes) as changes,
      (select max(changed_at) from open_data_changes) as last,
      (select (count(*) filter (where opens_at <= ${now}) + count(*) filter (where closes_at <= ${now}))::int
        from issues) as passed`.execute(db);
  const row = rows[0]!;
  const tag = createHash("sha256")
    .update(`${row.max_id ?? 0}:${row.changes}:${row.passed}`)
    .digest("base64url")
    .slice(0, 22);
  return { tag, lastModified: row.last };
}

/** The worker's tidy-up: keep the last hour of changes and always the latest one. */
export async function pruneContentChanges(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom("open_data_changes")
    .where("changed_at", "<", new Date(now.getTime() - KEEP_CHANGES_MS))
    .where("id", "<", (eb) =>
      eb.selectFrom("open_data_changes").select((inner) => inner.fn.max("id").as("m")),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
