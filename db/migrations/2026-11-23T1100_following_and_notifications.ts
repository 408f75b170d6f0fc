// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Side effects are written here in the same transaction as the change that causes
  // them, and carried out after commit by the worker (FOR UPDATE SKIP LOCKED).
  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("run_after", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("done_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("outbox_pending_idx")
    .on("outbox")
    .columns(["run_after", "id"])
    .where(sql.ref("done_at"), "is", null)
    .execute();

  for (const [table, target, references] of [
    ["issue_follows", "issue_id", "issues.id"],
    ["thread_follows", "thread_id", "threads.id"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn("user_id", "integer", (c) =>
        c.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn(target, "integer", (c) => c.notNull().references(references).onDelete("cascade"))
      .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint(`${table}_pkey`, ["user_id", target])
      .execute();
    // Fan-out reads followers by target.
    await db.schema
      .createIndex(`${table}_target_idx`)
      .on(table)
      .columns([target, "user_id"])
      .execute();
  }

  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('reply', 'official_answer', 'new_thread', 'closing_soon', 'issue_status')`,
        ),
    )
    // What happened, once: a second delivery of the same event to the same person is a no-op.
    .addColumn("event_key", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("read_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("notifications_user_event_key", ["user_id", "event_key"])
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "id desc"])
    .execute();
  await db.schema
    .createIndex("notifications_unread_idx")
    .on("notifications")
    .column("user_id")
    .where(sql.ref("read_at"), "is", null)
    .execute();

  // A row here means "don't notify me of this kind".
  await db.schema
    .createTable("notification_mutes")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_mutes_pkey", ["user_id", "kind"])
    .execute();

  // Set when "closing within 48 hours" and "now closed" have been announced, so each is announced once.
  await db.schema
    .alterTable("issues")
    .addColumn("closing_soon_sent_at", "timestamptz")
    .addColumn("closed_sent_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("issues")
    .dropColumn("closing_soon_sent_at")
    .dropColumn("closed_sent_at")
    .execute();
  for (const table of [
    "notification_mutes",
    "notifications",
    "thread_follows",
    "issue_follows",
    "outbox",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
