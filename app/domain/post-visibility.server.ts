/**
 * Moving a post into or out of public view, with everything that depends on it: the
 * thread's reply count and activity time, and the thread itself when the post is its
 * opening post (a thread is exactly as visible as its first post).
 */
import { sql, type Transaction } from "kysely";
import type { Database, PostStatus } from "../../db/schema";
import { enqueueEvent } from "../jobs/outbox.server";
import { enqueueSearchSync } from "../jobs/search-sync.server";
import { NotFoundError } from "./errors";
import { openingPostIdOf } from "./opening-post.server";
import { publishedPost } from "./policy";

export interface LockedPost {
  id: number;
  threadId: number;
  authorId: number;
  status: PostStatus;
  bodyMd: string;
  isOpening: boolean;
  /** Whether the post has ever been public (so publishing it again notifies nobody). */
  everPublished: boolean;
}

/**
 * THE LOCK ORDER. Every transaction that locks more than one of these rows takes them
 * in this order, so that two writers queue instead of deadlocking:
 *
 *   issue (for share) → thread → post → moderation item
 *
 * A reply locks its thread; a flag locks thread, post, then upserts the item; a
 * moderator's decision locks thread and post (through `lockPost`) before its item.
 * Deadlocks that still happen (PostgreSQL's own choices) are retried by runTransaction.
 */
export const LOCK_ORDER = ["issue", "thread", "post", "moderation item"] as const;

/**
 * Locks a post for a moderation change: its thread first, then the post (LOCK_ORDER).
 */
export async function lockPost(trx: Transaction<Database>, postId: number): Promise<LockedPost> {
  const located = await trx
    .selectFrom("posts")
    .select("thread_id")
    .where("id", "=", postId)
    .executeTakeFirst();
  if (!located) throw new NotFoundError("We couldn't find that post.");
  await trx
    .selectFrom("threads")
    .select("id")
    .where("id", "=", located.thread_id)
    .modifyEnd(sql`for no key update`)
    .execute();
  const post = await trx
    .selectFrom("posts")
    .select((eb) => [
      "posts.id",
      "posts.thread_id",
      "posts.author_id",
      "posts.status",
      "posts.body_md",
      openingPostIdOf("posts.thread_id").as("opening_id"),
      eb
        .exists(
          eb
            .selectFrom("moderation_actions")
            .select("moderation_actions.id")
            .where("moderation_actions.target_type", "=", "post")
            .whereRef("moderation_actions.target_id", "=", "posts.id")
            .where("moderation_actions.action", "in", ["auto_hide", "hide", "hold_edit"]),
        )
        .as("was_hidden"),
    ])
    .where("posts.id", "=", postId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return {
    id: post.id,
    threadId: post.thread_id,
    authorId: post.author_id,
    status: post.status,
    bodyMd: post.body_md,
    isOpening: post.opening_id === post.id,
    // Only a post hidden (or held on edit) after publication had ever been public: held posts never were.
    everPublished: publishedPost.holds({ postStatus: post.status }) || Boolean(post.was_hidden),
  };
}

/** Makes a post public. A post appearing for the first time tells its followers. */
export async function publishPost(
  trx: Transaction<Database>,
  post: LockedPost,
  now: Date,
): Promise<void> {
  if (publishedPost.holds({ postStatus: post.status })) return;
  await trx.updateTable("posts").set({ status: "published" }).where("id", "=", post.id).execute();
  await enqueueSearchSync(trx, { kind: "post", id: post.id });
  if (post.isOpening) {
    await trx
      .updateTable("threads")
      .set({ status: "published", last_post_at: sql`greatest(last_post_at, ${now})` })
      .where("id", "=", post.threadId)
      .execute();
    if (!post.everPublished) await enqueueEvent(trx, "thread.started", { threadId: post.threadId });
  } else {
    await trx
      .updateTable("threads")
      .set({
        reply_count: sql<number>`reply_count + 1`,
        last_post_at: sql`greatest(last_post_at, ${now})`,
      })
      .where("id", "=", post.threadId)
      .execute();
    if (!post.everPublished) await enqueueEvent(trx, "post.published", { postId: post.id });
  }
}

/**
 * Takes a post out of public view (hidden, rejected, or pending again after an edit the
 * rules held); an opening post takes its thread too.
 */
export async function removePostFromView(
  trx: Transaction<Database>,
  post: LockedPost,
  status: "hidden" | "rejected" | "pending",
): Promise<void> {
  const wasPublic = publishedPost.holds({ postStatus: post.status });
  await trx.updateTable("posts").set({ status }).where("id", "=", post.id).execute();
  await enqueueSearchSync(trx, { kind: "post", id: post.id });
  if (post.isOpening) {
    await trx.updateTable("threads").set({ status }).where("id", "=", post.threadId).execute();
  } else if (wasPublic) {
    await trx
      .updateTable("threads")
      .set({ reply_count: sql<number>`greatest(reply_count - 1, 0)` })
      .where("id", "=", post.threadId)
      .execute();
  }
}
