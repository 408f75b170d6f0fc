/**
 * issues.closed_early_at: when contributions stopped before the closing date, because an
 * officer closed the issue early or published its outcome while it was still open. Lists
 * said "closed 20 December" (the original, future date) for such an issue; now they can
 * give the real one. Existing early-closed issues get their best-known date: the last
 * edit of a closed one, the first published outcome of a responded one.
 */
// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table issues add column closed_early_at timestamptz`.execute(db);
  await sql`
    update issues set closed_early_at = case
        when status = 'closed' then updated_at
        else coalesce(
          (select min(o.published_at) from outcomes o where o.issue_id = issues.id),
          updated_at)
      end
    where status in ('closed', 'responded') and closes_at > updated_at
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table issues drop column closed_early_at`.execute(db);
}
