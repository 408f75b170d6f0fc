// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // "You said, we did": what the council decided about an issue (or one idea thread).
  await db.schema
    .createTable("outcomes")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("issue_id", "integer", (c) => c.notNull().references("issues.id"))
    .addColumn("thread_id", "integer", (c) => c.references("threads.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(
          sql`status in ('under_consideration', 'decision_made', 'in_progress', 'implemented', 'not_taken_forward')`,
        ),
    )
    .addColumn("status_reason", "text")
    .addColumn("progress", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`progress between 0 and 100`),
    )
    .addColumn("you_said_md", "text", (c) => c.notNull())
    .addColumn("you_said_html", "text", (c) => c.notNull())
    .addColumn("we_did_md", "text", (c) => c.notNull())
    .addColumn("we_did_html", "text", (c) => c.notNull())
    .addColumn("next_steps", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("participation", "jsonb")
    .addColumn("published_at", "timestamptz")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("outcomes_issue_idx")
    .on("outcomes")
    .columns(["issue_id", "id"])
    .execute();
  // The public index: published outcomes, newest first.
  await db.schema
    .createIndex("outcomes_published_idx")
    .on("outcomes")
    .columns(["published_at desc", "id desc"])
    .where(sql.ref("published_at"), "is not", null)
    .execute();

  await db.schema
    .createTable("outcome_citations")
    .addColumn("outcome_id", "integer", (c) => c.notNull().references("outcomes.id"))
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id"))
    .addPrimaryKeyConstraint("outcome_citations_pkey", ["outcome_id", "post_id"])
    .execute();
  // "Cited in" on the thread page: from a post to the outcomes citing it.
  await db.schema
    .createIndex("outcome_citations_post_idx")
    .on("outcome_citations")
    .columns(["post_id", "outcome_id"])
    .execute();

  // The public changelog of a published outcome.
  await db.schema
    .createTable("outcome_revisions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("outcome_id", "integer", (c) => c.notNull().references("outcomes.id"))
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("outcome_revisions_outcome_idx")
    .on("outcome_revisions")
    .columns(["outcome_id", "id"])
    .execute();

  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('reply', 'official_answer', 'new_thread', 'closing_soon', 'issue_status',
     'moderation', 'flag_resolved', 'escalation', 'outcome', 'cited'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notifications where kind in ('outcome', 'cited')`.execute(db);
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('reply', 'official_answer', 'new_thread', 'closing_soon', 'issue_status',
     'moderation', 'flag_resolved', 'escalation'))`.execute(db);
  for (const table of ["outcome_revisions", "outcome_citations", "outcomes"]) {
    await db.schema.dropTable(table).execute();
  }
}
