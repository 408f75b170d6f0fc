// Frozen in time: never import app code here, never edit after it has shipped.
import { sql, type Kysely } from "kysely";

/**
 * Full-text indexes for search's limited mode, used only while Meilisearch is
 * unreachable: public content only, English stemming.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index posts_fulltext_idx on posts
    using gin (to_tsvector('english', body_md)) where status = 'published'`.execute(db);
  await sql`create index threads_fulltext_idx on threads
    using gin (to_tsvector('english', title)) where status = 'published'`.execute(db);
  await sql`create index issues_fulltext_idx on issues
    using gin (to_tsvector('english', title || ' ' || summary_md)) where status <> 'draft'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index issues_fulltext_idx`.execute(db);
  await sql`drop index threads_fulltext_idx`.execute(db);
  await sql`drop index posts_fulltext_idx`.execute(db);
}
