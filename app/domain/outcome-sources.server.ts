/** What an officer may cite or write about in an outcome: an issue's public ideas and posts. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { openingPostIdOf } from "./opening-post.server";
import { publicPost, publishedThread } from "./policy";

export function listIdeas(
  db: Kysely<Database>,
  issueId: number,
): Promise<{ id: number; title: string }[]> {
  return db
    .selectFrom("threads")
    .select(["threads.id", "threads.title"])
    .where("threads.issue_id", "=", issueId)
    .where("threads.kind", "=", "idea")
    .where(publishedThread.where)
    .orderBy("threads.support_count", "desc")
    .orderBy("threads.id")
    .limit(200)
    .execute();
}

export interface CitablePost {
  id: number;
  threadTitle: string;
  authorName: string;
  excerpt: string;
  opening: boolean;
}

/**
 * Public posts of an issue an officer may cite, thread by thread: the first 300, and any
 * of `alsoInclude` (already cited, or quotes of themes) beyond them.
 */
export async function listCitablePosts(
  db: Kysely<Database>,
  issueId: number,
  alsoInclude: number[] = [],
): Promise<CitablePost[]> {
  const query = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.id",
      "threads.title as threadTitle",
      "users.display_name as authorName",
      "posts.body_md",
      openingPostIdOf("threads.id").as("opening_id"),
    ])
    .where("threads.issue_id", "=", issueId)
    .where(publicPost.where);
  const first = await query.orderBy("threads.id").orderBy("posts.id").limit(300).execute();
  const seen = new Set(first.map((row) => row.id));
  const missing = alsoInclude.filter((id) => !seen.has(id));
  const extra = missing.length
    ? await query
        .where("posts.id", "in", missing)
        .orderBy("threads.id")
        .orderBy("posts.id")
        .execute()
    : [];
  const rows = [...first, ...extra];
  return rows.map((row) => ({
    id: row.id,
    threadTitle: row.threadTitle,
    authorName: row.authorName,
    excerpt: row.body_md.length > 160 ? `${row.body_md.slice(0, 160)}…` : row.body_md,
    opening: row.opening_id === row.id,
  }));
}
