/** Posts: what people write in a thread. */
import { sql, type Kysely } from "kysely";
import type { Database, PostStatus } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import { can, isStaff } from "../permissions";
import type { ReplyInput } from "../schemas/contributions";
import { enqueueEvent } from "../jobs/outbox.server";
import { ForbiddenError } from "./errors";
import { followThreadIn } from "./follows.server";
import { assertMayContribute, lockThreadForContribution } from "./participation.server";

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
  limit = POSTS_PER_PAGE,
): Promise<{ posts: PostView[]; nextAfterId: number | null }> {
  let query = selectPublishedPosts(db, threadId);
  if (afterId !== null) query = query.where("posts.id", ">", afterId);
  const rows = await query
    .orderBy("posts.id")
    .limit(limit + 1)
    .execute();
  const posts = rows.slice(0, limit);
  const nextAfterId = rows.length > limit ? (posts.at(-1)?.id ?? null) : null;
  return { posts, nextAfterId };
}

/** One published post of a thread (e.g. its official answer), or null. */
export async function findPublishedPost(
  db: Kysely<Database>,
  threadId: number,
  postId: number,
): Promise<PostView | null> {
  return (
    (await selectPublishedPosts(db, threadId).where("posts.id", "=", postId).executeTakeFirst()) ??
    null
  );
}

function selectPublishedPosts(db: Kysely<Database>, threadId: number) {
  return db
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
    await lockThreadForContribution(trx, threadId, now);
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
    await followThreadIn(trx, actor.id, threadId);
    await enqueueEvent(trx, "post.published", { postId: post.id });
    return post.id;
  });
}
