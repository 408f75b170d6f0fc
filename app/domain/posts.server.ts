/** Posts: what people write in a thread. */
import { sql, type Kysely } from "kysely";
import type { Database, PostStatus } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import { can, isStaff } from "../permissions";
import type { ReplyInput } from "../schemas/contributions";
import { ForbiddenError, NotFoundError } from "./errors";
import { assertIssueAcceptsContributions, assertMayContribute } from "./participation.server";

export const POSTS_PER_PAGE = 50;

export interface PostView {
  id: number;
  authorId: number;
  authorName: string;
  authorTeam: string | null;
  isStaff: boolean;
  bodyHtml: string;
  status: PostStatus;
  createdAt: Date;
  editedAt: Date | null;
}

/** A page of a thread's posts, oldest first, after the given post id (keyset). */
export async function listPostsInThread(
  db: Kysely<Database>,
  threadId: number,
  afterId: number | null,
): Promise<{ posts: PostView[]; nextAfterId: number | null }> {
  let query = db
    .selectFrom("posts")
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.id",
      "posts.author_id as authorId",
      "users.display_name as authorName",
      "users.team as authorTeam",
      "posts.is_staff as isStaff",
      "posts.body_html as bodyHtml",
      "posts.status",
      "posts.created_at as createdAt",
      "posts.edited_at as editedAt",
    ])
    .where("posts.thread_id", "=", threadId)
    .where("posts.status", "=", "published");
  if (afterId !== null) query = query.where("posts.id", ">", afterId);
  const rows = await query
    .orderBy("posts.id")
    .limit(POSTS_PER_PAGE + 1)
    .execute();
  const posts = rows.slice(0, POSTS_PER_PAGE);
  const nextAfterId = rows.length > POSTS_PER_PAGE ? (posts.at(-1)?.id ?? null) : null;
  return { posts, nextAfterId };
}

/** Adds a reply to a thread on an open issue; returns the new post id. */
export async function replyToThread(
  db: Kysely<Database>,
  actor: Viewer,
  threadId: number,
  input: ReplyInput,
  now: Date,
): Promise<number> {
  if (!can(actor, "create:post:any")) throw new ForbiddenError();
  assertMayContribute(actor, now);
  const bodyHtml = renderMarkdown(input.body);
  return db.transaction().execute(async (trx) => {
    const thread = await trx
      .selectFrom("threads")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select([
        "threads.id",
        "threads.status",
        "issues.status as issue_status",
        "issues.opens_at",
        "issues.closes_at",
      ])
      .where("threads.id", "=", threadId)
      .forShare()
      .executeTakeFirst();
    if (!thread || thread.status !== "published") {
      throw new NotFoundError("We couldn't find that thread. It may have been removed.");
    }
    assertIssueAcceptsContributions(
      { status: thread.issue_status, opens_at: thread.opens_at, closes_at: thread.closes_at },
      now,
    );
    const post = await trx
      .insertInto("posts")
      .values({
        thread_id: threadId,
        author_id: actor.id,
        body_md: input.body,
        body_html: bodyHtml,
        is_staff: isStaff(actor),
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("threads")
      .set({ reply_count: sql<number>`reply_count + 1`, last_post_at: now })
      .where("id", "=", threadId)
      .execute();
    return post.id;
  });
}
