// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

/**
 * The account lifecycle and privacy: single-use account tokens (only their SHA-256 is
 * stored), session timestamps for idle and absolute timeouts, per-kind email
 * preferences, data exports, and the "may unverified accounts post" setting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("account_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) =>
      c.notNull().check(sql`purpose in ('verify_email', 'reset_password', 'change_email')`),
    )
    // Only for change_email: the address to switch to once it is confirmed.
    .addColumn("new_email", "text")
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("account_tokens_user_purpose")
    .on("account_tokens")
    .columns(["user_id", "purpose"])
    .execute();

  // Sessions end after a period without use (idle) and, regardless, after a fixed age.
  await db.schema
    .alterTable("sessions")
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("email_preferences")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("email_preferences_pk", ["user_id", "kind"])
    .execute();

  await db.schema
    .createTable("data_exports")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("archive", "bytea")
    .addColumn("ready_at", "timestamptz")
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("data_exports_user").on("data_exports").column("user_id").execute();

  await db.schema
    .alterTable("moderation_settings")
    .addColumn("unverified_may_post", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();

  // Accounts that existed before verification was required keep working.
  await sql`update users set email_verified_at = created_at where email_verified_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("moderation_settings").dropColumn("unverified_may_post").execute();
  await db.schema.dropTable("data_exports").execute();
  await db.schema.dropTable("email_preferences").execute();
  await db.schema.alterTable("sessions").dropColumn("last_seen_at").execute();
  await db.schema.dropTable("account_tokens").execute();
}
