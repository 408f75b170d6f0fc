/** Posts: what people write in a thread. */
import { sql, type Kysely } from "kysely";
import type { Database, PostStatus } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import { can, isStaff } from "../permissions";
import { enqueueEvent } from "../jobs/outbox.server";
import { enqueueSearchSync } from "../jobs/search-sync.server";
import { ForbiddenError, NotFoundError } from "./errors";
import { holdPost, reviewContribution } from "./contribution-review.server";
import { followThreadIn } from "./follows.server";
import { assertMayContribute, lockThreadForContribution } from "./participation.server";
import { runTransaction } from "../../db/transaction";
import { postShownInThread, postVisibleTo, publishedPost } from "./policy";

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
  version: number;
  replyToId: number | null;
}

export type PostWindow = { after: number | null } | { before: number };

export interface PostPage {
  posts: PostView[];
  /** Continue with `?after=` this id, or null at the newest post. */
  nextAfterId: number | null;
  /** Go back with `?before=` this id, or null at the thread's first post. */
  previousBeforeId: number | null;
}

/**
 * A page of a thread's posts, oldest first, by keyset on the post id: after an id
 * (forwards) or before one (backwards), so any post can be linked to and paged from
 * in a thread of thousands. Posts their authors deleted stay as placeholders so the
 * conversation keeps its shape.
 */
export async function listPostsInThread(
  db: Kysely<Database>,
  threadId: number,
  range: PostWindow = { after: null },
  viewer: Viewer | null = null,
): Promise<PostPage> {
  const limit = POSTS_PER_PAGE;
  // One query per direction: fetching one row beyond the page tells whether there is
  // more that way, and the other way is known from the request itself (or one cheap
  // EXISTS, run alongside).
  if ("before" in range) {
    const rows = await selectVisiblePosts(db, threadId, viewer)
      .where("posts.id", "<", range.before)
      .orderBy("posts.id", "desc")
      .limit(limit + 1)
      .execute();
    const posts = rows.slice(0, limit).reverse();
    const hasOlder = rows.length > limit;
    return {
      posts,
      // Whatever sent the reader back a page came from a later post.
      nextAfterId: posts.at(-1)?.id ?? null,
      previousBeforeId: hasOlder && posts[0] ? posts[0].id : null,
    };
  }
  let query = selectVisiblePosts(db, threadId, viewer);
  if (range.after !== null) query = query.where("posts.id", ">", range.after);
  const [rows, olderExists] = await Promise.all([
    query
      .orderBy("posts.id")
      .limit(limit + 1)
      .execute(),
    // Anything visible at or before the cursor is older than this page's first post.
    range.after === null
      ? false
      : selectVisiblePosts(db, threadId, viewer)
          .where("posts.id", "<=", range.after)
          .limit(1)
          .execute()
          .then((older) => older.length > 0),
  ]);
  const posts = rows.slice(0, limit);
  const first = posts[0];
  return {
    posts,
    nextAfterId: rows.length > limit ? (posts.at(-1)?.id ?? null) : null,
    previousBeforeId: olderExists && first ? first.id : null,
  };
}

/** Where a post lives, for its permalink: the thread, if the post can be shown. */
export async function locatePost(
  db: Kysely<Database>,
  postId: number,
  viewer: Viewer | null = null,
): Promise<{ threadId: number }> {
  const row = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select("posts.thread_id")
    .where("posts.id", "=", postId)
    .where(postVisibleTo(viewer).where)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("We couldn't find that post. It may have been removed.");
  return { threadId: row.thread_id };
}

/** One published post of a thread (e.g. its official answer), or null. */
export async function findPublishedPost(
  db: Kysely<Database>,
  threadId: number,
  postId: number,
): Promise<PostView | null> {
  return (
    (await selectVisiblePosts(db, threadId, null)
      .where("posts.id", "=", postId)
      .where(publishedPost.where)
      .executeTakeFirst()) ?? null
  );
}

/** A thread's posts as the viewer may see them (policy: `postShownInThread`). */
function selectVisiblePosts(db: Kysely<Database>, threadId: number, viewer: Viewer | null) {
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
      "posts.version",
      "posts.reply_to_id as replyToId",
    ])
    .where("posts.thread_id", "=", threadId)
    .where(postShownInThread(viewer).where);
}

/** What became of a new post: public now, or held for a moderator (and why). */
export interface PostOutcome {
  postId: number;
  held: boolean;
}

/**
 * Adds a reply to a thread on an open issue. The rules engine decides first: a held
 * reply is stored as pending with its queue item, and is not counted, announced or
 * shown to anyone but its author and moderators until it is approved.
 */
export async function replyToThread(
  db: Kysely<Database>,
  actor: Viewer,
  threadId: number,
  input: { body: string; replyToId?: number | null },
  now: Date,
): Promise<PostOutcome> {
  if (!can(actor, "create:post:any")) throw new ForbiddenError();
  assertMayContribute(actor, now);
  const bodyHtml = renderMarkdown(input.body);
  return runTransaction(db, async (trx) => {
    await lockThreadForContribution(trx, threadId, now);
    const replyToId = input.replyToId ?? null;
    if (replyToId !== null) {
      const parent = await trx
        .selectFrom("posts")
        .select("id")
        .where("posts.id", "=", replyToId)
        .where("posts.thread_id", "=", threadId)
        .where(publishedPost.where)
        .executeTakeFirst();
      if (!parent) throw new NotFoundError("The post you are replying to is no longer available.");
    }
    const decision = await reviewContribution(trx, actor, { body: input.body, threadId }, now);
    const held = decision.action === "hold";
    const post = await trx
      .insertInto("posts")
      .values({
        thread_id: threadId,
        author_id: actor.id,
        body_md: input.body,
        body_html: bodyHtml,
        is_staff: isStaff(actor),
        reply_to_id: replyToId,
        status: held ? "pending" : "published",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await followThreadIn(trx, actor.id, threadId);
    if (held) {
      await holdPost(trx, post.id, decision, now);
      return { postId: post.id, held };
    }
    await trx
      .updateTable("threads")
      .set({ reply_count: sql<number>`reply_count + 1`, last_post_at: now })
      .where("id", "=", threadId)
      .execute();
    await enqueueEvent(trx, "post.published", { postId: post.id });
    await enqueueSearchSync(trx, { kind: "post", id: post.id });
    return { postId: post.id, held };
  });
}

/** A published post's Markdown and author, to quote in a reply. */
export async function getQuote(
  db: Kysely<Database>,
  threadId: number,
  postId: number,
): Promise<{ id: number; authorName: string; bodyMd: string } | null> {
  const row = await db
    .selectFrom("posts")
    .innerJoin("users", "users.id", "posts.author_id")
    .select(["posts.id", "users.display_name as authorName", "posts.body_md as bodyMd"])
    .where("posts.id", "=", postId)
    .where("posts.thread_id", "=", threadId)
    .where(publishedPost.where)
    .executeTakeFirst();
  return row ?? null;
}

/** Markdown that quotes a post, ready for the reply box. */
export function quoteAsMarkdown(quote: { authorName: string; bodyMd: string }): string {
  const quoted = quote.bodyMd
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  return `> **${quote.authorName}** wrote:\n>\n${quoted}\n\n`;
}
