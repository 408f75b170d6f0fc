// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

/** When "now open for comments" was announced, so an upcoming issue opens on time, once. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("issues").addColumn("opened_sent_at", "timestamptz").execute();
  // Issues already open (or past) have nothing left to announce.
  await sql`update issues set opened_sent_at = opens_at where opens_at <= now()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("issues").dropColumn("opened_sent_at").execute();
}
