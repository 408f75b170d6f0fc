// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // When the official answer was given: "recently answered questions" sorts on it.
  await db.schema.alterTable("threads").addColumn("answered_at", "timestamptz").execute();
  await sql`update threads t set answered_at = p.created_at from posts p where p.id = t.answered_post_id`.execute(
    db,
  );
  await db.schema
    .createIndex("threads_recently_answered_idx")
    .on("threads")
    .columns(["answered_at desc", "id desc"])
    .where(sql.ref("answered_post_id"), "is not", null)
    .execute();
  // The officers' list: questions still waiting for an answer, oldest first.
  await db.schema
    .createIndex("threads_unanswered_questions_idx")
    .on("threads")
    .columns(["created_at", "id"])
    .where(sql<boolean>`kind = 'question' and answered_post_id is null and status = 'published'`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("threads_unanswered_questions_idx").execute();
  await db.schema.dropIndex("threads_recently_answered_idx").execute();
  await db.schema.alterTable("threads").dropColumn("answered_at").execute();
}
