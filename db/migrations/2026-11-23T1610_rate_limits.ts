// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

/** rate-limiter-flexible's Postgres store, created here rather than at run time. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rate_limits (
    key varchar(255) primary key,
    points integer not null default 0,
    expire bigint
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table rate_limits`.execute(db);
}
