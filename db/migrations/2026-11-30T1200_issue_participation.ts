/**
 * An issue's participation figures (people, threads, posts, supports), kept as a tally
 * that the worker recounts once a minute while the issue is active, so that the issue
 * page reads one row instead of counting every post of the issue on every view. Filled
 * by the worker, not here: the count follows the visibility rules, which live in code.
 */
// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table issue_participation (
    issue_id integer primary key references issues (id) on delete cascade,
    people integer not null,
    threads integer not null,
    posts integer not null,
    supports integer not null,
    counted_at timestamptz not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table issue_participation`.execute(db);
}
