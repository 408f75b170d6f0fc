/**
 * Indexes that keep issue-window reads bounded however many issues a council has:
 *
 * - the home page's "closing soon" (open issues across all areas, soonest first) walks
 *   open issues in closing order instead of sorting every open one;
 * - the minute-by-minute schedule finds issues whose announcement is due from small
 *   partial indexes that hold only the issues still waiting for it, instead of
 *   scanning every open issue each tick;
 * - an area's or category's issue list (every public issue, latest closing first) walks
 *   its own index rather than reading every issue and sorting.
 */
// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index issues_open_closing_idx on issues (closes_at, id)
    where status = 'open'`.execute(db);
  await sql`create index issues_opening_due_idx on issues (opens_at)
    where status = 'open' and opened_sent_at is null`.execute(db);
  await sql`create index issues_closing_soon_due_idx on issues (closes_at)
    where status = 'open' and closing_soon_sent_at is null`.execute(db);
  await sql`create index issues_closing_due_idx on issues (closes_at)
    where status = 'open' and closed_sent_at is null`.execute(db);
  await sql`create index issues_area_public_idx on issues (area_id, closes_at, id)
    where status <> 'draft'`.execute(db);
  await sql`create index issues_category_public_idx on issues (category_id, closes_at, id)
    where status <> 'draft'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    "issues_open_closing_idx",
    "issues_opening_due_idx",
    "issues_closing_soon_due_idx",
    "issues_closing_due_idx",
    "issues_area_public_idx",
    "issues_category_public_idx",
  ])
    await sql`drop index ${sql.id(name)}`.execute(db);
}
