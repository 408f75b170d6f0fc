/**
 * Staff export of an issue's contributions as CSV: every post, by residents and staff,
 * with its thread, author's public name and home area, and dates. Officers get public
 * posts only; moderators (and admins) also get held, hidden and rejected ones, with a
 * moderation status column that nobody else sees. Email addresses never appear, and
 * posts their authors deleted are left out. Streamed, 1,000 rows a batch.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { ForbiddenError, NotFoundError } from "./errors";
import { streamCsv, type Row } from "./open-data/tabular-streams.server";
import {
  deletedPost,
  issueVisibleTo,
  mayExportContributions,
  mayExportModerationStatus,
  publicPost,
  type Subject,
} from "./policy";

const COLUMNS = [
  "post_id",
  "thread_id",
  "thread_title",
  "thread_kind",
  "opening_post",
  "author",
  "author_area",
  "by_staff",
  "created_at",
  "edited_at",
  "supports",
  "url",
  "text",
] as const;
const BATCH = 1_000;

export async function exportContributionsCsv(
  db: Kysely<Database>,
  viewer: Subject,
  slug: string,
  origin: string,
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  if (!mayExportContributions(viewer))
    throw new ForbiddenError("Only council staff can download an issue's contributions.");
  const issue = await db
    .selectFrom("issues")
    .select(["id", "slug"])
    .where("slug", "=", slug)
    .where(issueVisibleTo(viewer).where)
    .executeTakeFirst();
  if (!issue) throw new NotFoundError("We couldn't find that issue.");
  const withStatus = mayExportModerationStatus(viewer);
  const columns = withStatus ? [...COLUMNS, "moderation_status"] : [...COLUMNS];

  async function* batches(): AsyncGenerator<Row[]> {
    let afterId = 0;
    for (;;) {
      const rows = await db
        .selectFrom("posts")
        .innerJoin("threads", "threads.id", "posts.thread_id")
        .innerJoin("issues", "issues.id", "threads.issue_id")
        .innerJoin("users", "users.id", "posts.author_id")
        .leftJoin("areas", "areas.id", "users.home_area_id")
        .select([
          "posts.id",
          "posts.thread_id",
          "threads.title",
          "threads.kind",
          sql<boolean>`posts.id = (select min(p.id) from posts p where p.thread_id = threads.id)`.as(
            "opening",
          ),
          "users.display_name",
          "areas.name as area",
          "posts.is_staff",
          "posts.created_at",
          "posts.edited_at",
          "threads.support_count",
          "posts.body_md",
          "posts.status",
        ])
        .where("threads.issue_id", "=", issue!.id)
        .where((eb) => (withStatus ? eb.not(deletedPost.where(eb)) : publicPost.where(eb)))
        .where("posts.id", ">", afterId)
        .orderBy("posts.id")
        .limit(BATCH)
        .execute();
      if (rows.length)
        yield rows.map((row) => ({
          post_id: row.id,
          thread_id: row.thread_id,
          thread_title: row.title,
          thread_kind: row.kind,
          opening_post: row.opening,
          author: row.display_name,
          author_area: row.area ?? "",
          by_staff: row.is_staff,
          created_at: row.created_at.toISOString(),
          edited_at: row.edited_at ? row.edited_at.toISOString() : "",
          supports: row.opening ? row.support_count : 0,
          url: `${origin}/posts/${row.id}`,
          text: row.body_md,
          ...(withStatus ? { moderation_status: row.status } : {}),
        }));
      if (rows.length < BATCH) return;
      afterId = rows.at(-1)!.id;
    }
  }
  return { fileName: `${issue.slug}-contributions.csv`, body: streamCsv(columns, batches()) };
}
