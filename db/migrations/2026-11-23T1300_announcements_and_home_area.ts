// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("announcements")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('site', 'area', 'issue')`))
    .addColumn("area_id", "integer", (c) => c.references("areas.id").onDelete("cascade"))
    .addColumn("issue_id", "integer", (c) => c.references("issues.id").onDelete("cascade"))
    .addColumn("severity", "text", (c) =>
      c.notNull().check(sql`severity in ('information', 'warning', 'urgent')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("withdrawn_at", "timestamptz")
    .addCheckConstraint(
      "announcements_scope_target",
      sql`(scope = 'site' and area_id is null and issue_id is null)
        or (scope = 'area' and area_id is not null and issue_id is null)
        or (scope = 'issue' and issue_id is not null and area_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex("announcements_live_idx")
    .on("announcements")
    .columns(["scope", "created_at desc"])
    .where(sql.ref("withdrawn_at"), "is", null)
    .execute();

  // The area a person chose on the home page ("what's happening near you").
  await db.schema
    .alterTable("users")
    .addColumn("home_area_id", "integer", (c) => c.references("areas.id").onDelete("set null"))
    .addColumn("bio", "text", (c) => c.notNull().defaultTo(""))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("home_area_id").dropColumn("bio").execute();
  await db.schema.dropTable("announcements").execute();
}
