/**
 * Authors changing what they wrote: editing within a window (earlier versions kept) and
 * deleting (the post stays as a placeholder so replies still make sense).
 */
import { enqueueSearchSync } from "../jobs/search-sync.server";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import type { EditPostInput } from "../schemas/contributions";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { holdPost, reviewContribution } from "./contribution-review.server";
import { assertIssueAcceptsContributions, assertMayContribute } from "./participation.server";
import { lockPost, removePostFromView } from "./post-visibility.server";
import { runTransaction } from "../../db/transaction";
import { deletedPost, editableUntil, isWithinEditWindow, publishedPost } from "./policy";

export interface EditablePost {
  id: number;
  threadId: number;
  threadTitle: string;
  bodyMd: string;
  version: number;
  createdAt: Date;
  editableUntil: Date;
}

async function loadOwnPost(
  db: Kysely<Database> | Transaction<Database>,
  actor: Viewer,
  postId: number,
  lock: boolean,
) {
  let query = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "posts.id",
      "posts.author_id",
      "posts.thread_id",
      "posts.status",
      "posts.body_md",
      "posts.body_html",
      "posts.version",
      "posts.created_at",
      "posts.edited_at",
      "threads.title as thread_title",
      "issues.status as issue_status",
      "issues.opens_at",
      "issues.closes_at",
      "issues.closed_early_at",
    ])
    .where("posts.id", "=", postId);
  if (lock) query = query.modifyEnd(sql`for update of posts`);
  const post = await query.executeTakeFirst();
  if (!post || deletedPost.holds({ postStatus: post.status }))
    throw new NotFoundError("We couldn't find that post. It may have been removed.");
  if (post.author_id !== actor.id) throw new ForbiddenError("You can only change your own posts.");
  return post;
}

/** Keeps the version about to be replaced, so an edit or deletion never destroys what was said. */
async function archiveVersion(
  trx: Transaction<Database>,
  post: {
    id: number;
    version: number;
    body_md: string;
    body_html: string;
    edited_at: Date | null;
    created_at: Date;
  },
  replacedAt: Date,
): Promise<void> {
  await trx
    .insertInto("post_revisions")
    .values({
      post_id: post.id,
      version: post.version,
      body_md: post.body_md,
      body_html: post.body_html,
      written_at: post.edited_at ?? post.created_at,
      replaced_at: replacedAt,
    })
    .execute();
}

/** The actor's own post (not yet deleted), for the delete confirmation: no time limit. */
export async function getOwnPost(
  db: Kysely<Database>,
  actor: Viewer,
  postId: number,
): Promise<{ id: number; threadId: number; threadTitle: string; bodyMd: string }> {
  const post = await loadOwnPost(db, actor, postId, false);
  return {
    id: post.id,
    threadId: post.thread_id,
    threadTitle: post.thread_title,
    bodyMd: post.body_md,
  };
}

/** The actor's own post, for the edit form; refuses once the window has passed. */
export async function getPostForEdit(
  db: Kysely<Database>,
  actor: Viewer,
  postId: number,
  options: { now: Date; windowMinutes: number },
): Promise<EditablePost> {
  const post = await loadOwnPost(db, actor, postId, false);
  const until = editableUntil(post.created_at, options.windowMinutes);
  if (!isWithinEditWindow(post.created_at, options.now, options.windowMinutes))
    throw new ForbiddenError(
      `Posts can be edited for ${options.windowMinutes} minutes after posting.`,
    );
  return {
    id: post.id,
    threadId: post.thread_id,
    threadTitle: post.thread_title,
    bodyMd: post.body_md,
    version: post.version,
    createdAt: post.created_at,
    editableUntil: until,
  };
}

/**
 * Replaces the body of the actor's own post within the edit window, keeping the old
 * version. `version` is the one the author started from: a stale form is refused
 * rather than silently overwriting a newer edit.
 */
export async function editPost(
  db: Kysely<Database>,
  actor: Viewer,
  postId: number,
  input: EditPostInput,
  options: { now: Date; windowMinutes: number },
): Promise<{ threadId: number; held: boolean }> {
  assertMayContribute(actor, options.now);
  // Who may edit, and until when, is settled before any work on the text: rendering
  // 20,000 characters for someone who may not edit is work an attacker could make us do.
  await getPostForEdit(db, actor, postId, options);
  const bodyHtml = renderMarkdown(input.body);
  return runTransaction(db, async (trx) => {
    // Thread, then post: the lock order every writer to a thread uses.
    const locked = await lockPost(trx, postId);
    const post = await loadOwnPost(trx, actor, postId, true);
    if (!publishedPost.holds({ postStatus: post.status }))
      throw new ConflictError("Only a published post can be edited.");
    assertIssueAcceptsContributions(
      {
        status: post.issue_status,
        opens_at: post.opens_at,
        closes_at: post.closes_at,
        closed_early_at: post.closed_early_at,
      },
      options.now,
    );
    if (!isWithinEditWindow(post.created_at, options.now, options.windowMinutes)) {
      throw new ForbiddenError(
        `Posts can be edited for ${options.windowMinutes} minutes after posting; this one can no longer be changed.`,
      );
    }
    if (post.version !== input.version) {
      throw new ConflictError(
        "This post was changed in another window. Reload the page to see the latest version.",
      );
    }
    // An edit can't smuggle in what the rules would have held (a phone number, say).
    const decision = await reviewContribution(trx, actor, { body: input.body }, options.now, {
      edit: true,
    });
    await archiveVersion(trx, post, options.now);
    await trx
      .updateTable("posts")
      .set({
        body_md: input.body,
        body_html: bodyHtml,
        edited_at: options.now,
        version: post.version + 1,
      })
      .where("id", "=", post.id)
      .execute();
    const held = decision.action === "hold";
    await enqueueSearchSync(trx, { kind: "post", id: post.id });
    if (held) {
      await removePostFromView(trx, locked, "pending");
      await holdPost(trx, post.id, decision, options.now, "hold_edit");
    }
    return { threadId: post.thread_id, held };
  });
}

/** Deletes the actor's own post: it shows as "removed by its author"; the text is kept only in its history. */
export async function deleteOwnPost(
  db: Kysely<Database>,
  actor: Viewer,
  postId: number,
  now: Date,
): Promise<{ threadId: number }> {
  return runTransaction(db, async (trx) => {
    const post = await loadOwnPost(trx, actor, postId, true);
    await archiveVersion(trx, post, now);
    await trx
      .updateTable("posts")
      .set({
        status: "deleted",
        body_md: "",
        body_html: "",
        deleted_at: now,
        version: post.version + 1,
      })
      .where("id", "=", post.id)
      .execute();
    await enqueueSearchSync(trx, { kind: "post", id: post.id });
    // A post its author withdrew needs no moderator any more.
    await trx
      .updateTable("moderation_items")
      .set({ status: "withdrawn", version: sql<number>`version + 1` })
      .where("post_id", "=", post.id)
      .where("status", "=", "open")
      .execute();
    if (publishedPost.holds({ postStatus: post.status })) {
      // The opening post is not a reply; any other published post was counted as one.
      const first = await trx
        .selectFrom("posts")
        .select("id")
        .where("thread_id", "=", post.thread_id)
        .orderBy("id")
        .limit(1)
        .executeTakeFirstOrThrow();
      if (first.id !== post.id) {
        await trx
          .updateTable("threads")
          .set({ reply_count: sql<number>`greatest(reply_count - 1, 0)` })
          .where("id", "=", post.thread_id)
          .execute();
      }
    }
    return { threadId: post.thread_id };
  });
}

export interface PostRevisionView {
  version: number;
  bodyHtml: string;
  writtenAt: Date;
}

/** A published post's earlier versions, newest first: public, like the post. */
export async function listPostRevisions(
  db: Kysely<Database>,
  postId: number,
): Promise<{ threadId: number; current: PostRevisionView; earlier: PostRevisionView[] }> {
  const post = await db
    .selectFrom("posts")
    .select(["id", "thread_id", "status", "version", "body_html", "edited_at", "created_at"])
    .where("id", "=", postId)
    .executeTakeFirst();
  if (!post || !publishedPost.holds({ postStatus: post.status }))
    throw new NotFoundError("We couldn't find that post.");
  const earlier = await db
    .selectFrom("post_revisions")
    .select(["version", "body_html as bodyHtml", "written_at as writtenAt"])
    .where("post_id", "=", postId)
    .orderBy("version", "desc")
    .execute();
  return {
    threadId: post.thread_id,
    current: {
      version: post.version,
      bodyHtml: post.body_html,
      writtenAt: post.edited_at ?? post.created_at,
    },
    earlier,
  };
}
