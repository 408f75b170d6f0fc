// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // One row: the thresholds the rules engine and the flag counter use, edited by admins.
  await db.schema
    .createTable("moderation_settings")
    .addColumn("id", "smallint", (c) =>
      c
        .primaryKey()
        .defaultTo(1)
        .check(sql`id = 1`),
    )
    .addColumn("new_account_posts_held", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("max_links_by_trust", sql`integer[]`, (c) =>
      c.notNull().defaultTo(sql`'{1,3,8,20}'`),
    )
    .addColumn("blocked_terms", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("flood_posts", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("flood_minutes", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("duplicate_minutes", "integer", (c) => c.notNull().defaultTo(60))
    .addColumn("shouting_min_letters", "integer", (c) => c.notNull().defaultTo(24))
    .addColumn("shouting_ratio", "double precision", (c) => c.notNull().defaultTo(0.7))
    .addColumn("flag_hide_threshold", "double precision", (c) => c.notNull().defaultTo(3))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .execute();
  await sql`insert into moderation_settings default values`.execute(db);

  await db.schema
    .createTable("house_rules")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("retired_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Whatever stops someone taking part, and why: users carry the effective state.
  await db.schema.alterTable("users").addColumn("sanction_reason", "text").execute();
  await db.schema
    .createTable("sanctions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('warn', 'suspend', 'ban')`))
    .addColumn("until", "timestamptz")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("house_rule_id", "integer", (c) => c.references("house_rules.id"))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("lifted_at", "timestamptz")
    .addColumn("lifted_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createIndex("sanctions_user_idx")
    .on("sanctions")
    .columns(["user_id", "id desc"])
    .execute();

  await db.schema
    .createTable("flags")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text", (c) =>
      c
        .notNull()
        .check(
          sql`reason in ('abusive', 'spam', 'off_topic', 'personal_information', 'illegal', 'other')`,
        ),
    )
    .addColumn("note", "text")
    .addColumn("weight", "double precision", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolution", "text", (c) => c.check(sql`resolution in ('upheld', 'dismissed')`))
    .addUniqueConstraint("flags_one_per_person", ["post_id", "user_id"])
    .execute();
  // A flagger's record (upheld against dismissed) weighs their next flag.
  await db.schema.createIndex("flags_user_idx").on("flags").column("user_id").execute();

  // The review queue: one row per thing a moderator must decide, whatever raised it.
  await db.schema
    .createTable("moderation_items")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id"))
    .addColumn("source", "text", (c) =>
      c.notNull().check(sql`source in ('rule', 'flag', 'appeal')`),
    )
    .addColumn("reasons", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(
          sql`status in ('open', 'approved', 'edited', 'rejected', 'hidden', 'ignored', 'withdrawn')`,
        ),
    )
    .addColumn("flag_score", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("auto_hidden", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("claimed_by", "integer", (c) => c.references("users.id"))
    .addColumn("claimed_at", "timestamptz")
    .addColumn("escalated_to", "integer", (c) => c.references("users.id"))
    .addColumn("escalated_at", "timestamptz")
    .addColumn("escalation_note", "text")
    .addColumn("appeal_of_id", "integer", (c) => c.references("moderation_items.id"))
    .addColumn("appeal_note", "text")
    .addColumn("excluded_moderator_id", "integer", (c) => c.references("users.id"))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_note", "text")
    .addColumn("house_rule_id", "integer", (c) => c.references("house_rules.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // At most one open item per post: raising it again updates that item (an idempotent upsert).
  await db.schema
    .createIndex("moderation_items_open_post_key")
    .unique()
    .on("moderation_items")
    .column("post_id")
    .where(sql.ref("status"), "=", "open")
    .execute();
  // A decision can be appealed once.
  await db.schema
    .createIndex("moderation_items_appeal_key")
    .unique()
    .on("moderation_items")
    .column("appeal_of_id")
    .where(sql.ref("appeal_of_id"), "is not", null)
    .execute();
  // The queue: open items, oldest first.
  await db.schema
    .createIndex("moderation_items_queue_idx")
    .on("moderation_items")
    .columns(["created_at", "id"])
    .where(sql.ref("status"), "=", "open")
    .execute();
  await db.schema
    .createIndex("moderation_items_post_idx")
    .on("moderation_items")
    .columns(["post_id", "id desc"])
    .execute();

  // Authors hear what happened to their posts, flaggers how their flag was resolved,
  // officers when a moderator asks for their view.
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('reply', 'official_answer', 'new_thread', 'closing_soon', 'issue_status',
     'moderation', 'flag_resolved', 'escalation'))`.execute(db);

  // The audit log. Append-only: the database itself refuses to change or remove a row.
  await db.schema
    .createTable("moderation_actions")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "integer")
    .addColumn("reason", "text")
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("moderation_actions_recent_idx")
    .on("moderation_actions")
    .column("id desc")
    .execute();
  await db.schema
    .createIndex("moderation_actions_target_idx")
    .on("moderation_actions")
    .columns(["target_type", "target_id", "id desc"])
    .execute();
  await sql`
    create function refuse_audit_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the moderation audit log is append-only';
    end
    $$`.execute(db);
  await sql`create trigger moderation_actions_append_only
    before update or delete on moderation_actions
    for each row execute function refuse_audit_change()`.execute(db);
  await sql`create trigger moderation_actions_no_truncate
    before truncate on moderation_actions
    for each statement execute function refuse_audit_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger moderation_actions_no_truncate on moderation_actions`.execute(db);
  await sql`drop trigger moderation_actions_append_only on moderation_actions`.execute(db);
  await sql`drop function refuse_audit_change()`.execute(db);
  for (const table of [
    "moderation_actions",
    "moderation_items",
    "flags",
    "sanctions",
    "house_rules",
    "moderation_settings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("users").dropColumn("sanction_reason").execute();
  await sql`delete from notifications where kind in ('moderation', 'flag_resolved', 'escalation')`.execute(
    db,
  );
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('reply', 'official_answer', 'new_thread', 'closing_soon', 'issue_status'))`.execute(db);
}
