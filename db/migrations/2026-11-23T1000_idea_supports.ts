// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // One support per resident per idea: the primary key is what makes concurrent clicks count once.
  await db.schema
    .createTable("supports")
    .addColumn("thread_id", "integer", (c) =>
      c.notNull().references("threads.id").onDelete("cascade"),
    )
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("supports_pkey", ["thread_id", "user_id"])
    .execute();
  await db.schema.createIndex("supports_user_idx").on("supports").column("user_id").execute();
  // Serves "ideas by most supported" on an issue page, keyset by (support_count, id).
  await db.schema
    .createIndex("threads_issue_support_idx")
    .on("threads")
    .columns(["issue_id", "support_count desc", "id desc"])
    .where(sql.ref("kind"), "=", "idea")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("threads_issue_support_idx").execute();
  await db.schema.dropTable("supports").execute();
}
