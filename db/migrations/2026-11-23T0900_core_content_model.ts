// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) =>
      c
        .notNull()
        .defaultTo("resident")
        .check(sql`role in ('resident', 'moderator', 'officer', 'admin')`),
    )
    .addColumn("team", "text")
    .addColumn("trust_level", "smallint", (c) => c.notNull().defaultTo(0))
    .addColumn("email_verified_at", "timestamptz")
    .addColumn("suspended_until", "timestamptz")
    .addColumn("banned_at", "timestamptz")
    .addColumn("deleted_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("users_email_normalised", sql`email = lower(btrim(email))`)
    .execute();
  await db.schema.createIndex("users_email_key").unique().on("users").column("email").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();
  await db.schema
    .createIndex("sessions_expires_at_idx")
    .on("sessions")
    .column("expires_at")
    .execute();

  await db.schema
    .createTable("areas")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema
    .createTable("categories")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("issues")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary_md", "text", (c) => c.notNull())
    .addColumn("summary_html", "text", (c) => c.notNull())
    .addColumn("area_id", "integer", (c) => c.notNull().references("areas.id"))
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('draft', 'open', 'closed', 'responded')`),
    )
    .addColumn("opens_at", "timestamptz", (c) => c.notNull())
    .addColumn("closes_at", "timestamptz", (c) => c.notNull())
    .addColumn("team", "text")
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("issues_window_ordered", sql`closes_at > opens_at`)
    .execute();
  await db.schema
    .createIndex("issues_status_area_closes_idx")
    .on("issues")
    .columns(["status", "area_id", "closes_at"])
    .execute();

  await db.schema
    .createTable("threads")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("issue_id", "integer", (c) => c.notNull().references("issues.id"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('discussion', 'idea', 'question')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("published")
        .check(sql`status in ('published', 'pending', 'hidden', 'rejected', 'deleted')`),
    )
    .addColumn("support_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_post_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("answered_post_id", "integer")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Serves the issue page: an issue's threads, most recently active first, keyset by id.
  await db.schema
    .createIndex("threads_issue_activity_idx")
    .on("threads")
    .columns(["issue_id", "last_post_at desc", "id desc"])
    .execute();
  await db.schema.createIndex("threads_author_idx").on("threads").column("author_id").execute();

  await db.schema
    .createTable("posts")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("published")
        .check(sql`status in ('published', 'pending', 'hidden', 'rejected', 'deleted')`),
    )
    .addColumn("is_staff", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("reply_to_id", "integer", (c) => c.references("posts.id"))
    .addColumn("edited_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // Serves the thread page: a thread's posts oldest first, keyset by id.
  await db.schema
    .createIndex("posts_thread_id_idx")
    .on("posts")
    .columns(["thread_id", "id"])
    .execute();
  await db.schema
    .createIndex("posts_author_id_idx")
    .on("posts")
    .columns(["author_id", "id desc"])
    .execute();

  await sql`alter table threads add constraint threads_answered_post_fk
    foreign key (answered_post_id) references posts(id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table threads drop constraint threads_answered_post_fk`.execute(db);
  for (const table of ["posts", "threads", "issues", "categories", "areas", "sessions", "users"]) {
    await db.schema.dropTable(table).execute();
  }
}
