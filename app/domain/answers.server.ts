/** Official answers: an officer marks a staff reply as the answer to a question. */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { isStaff } from "../permissions";
import { enqueueEvent } from "../jobs/outbox.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { runTransaction } from "../../db/transaction";
import { parseDateCursor } from "../schemas/query";
import { publicThread, publishedPost, publishedThread } from "./policy";

async function loadQuestion(db: Kysely<Database>, threadId: number) {
  const thread = await db
    .selectFrom("threads")
    .select(["id", "kind", "status"])
    .where("id", "=", threadId)
    .forUpdate()
    .executeTakeFirst();
  if (!thread || !publishedThread.holds({ threadStatus: thread.status }))
    throw new NotFoundError("We couldn't find that thread.");
  if (thread.kind !== "question")
    throw new ConflictError("Only questions to staff have official answers.");
  return thread;
}

/** Marks a published staff reply in a question thread as its official answer (replacing any other). */
export async function markOfficialAnswer(
  db: Kysely<Database>,
  actor: Viewer,
  threadId: number,
  postId: number,
): Promise<void> {
  if (!isStaff(actor)) throw new ForbiddenError("Only council staff can mark an official answer.");
  await runTransaction(db, async (trx) => {
    await loadQuestion(trx, threadId);
    const post = await trx
      .selectFrom("posts")
      .select(["id", "is_staff", "status"])
      .where("id", "=", postId)
      .where("thread_id", "=", threadId)
      .executeTakeFirst();
    if (!post || !publishedPost.holds({ postStatus: post.status }))
      throw new NotFoundError("We couldn't find that reply in this thread.");
    if (!post.is_staff)
      throw new ConflictError("Only a reply from council staff can be the official answer.");
    const changed = await trx
      .updateTable("threads")
      .set({ answered_post_id: postId, answered_at: sql<Date>`now()` })
      .where("id", "=", threadId)
      .where((eb) =>
        eb.or([eb("answered_post_id", "is", null), eb("answered_post_id", "!=", postId)]),
      )
      .returning("id")
      .executeTakeFirst();
    // Marking the same answer again tells nobody anything new.
    if (changed) await enqueueEvent(trx, "answer.marked", { threadId, postId });
  });
}

/** Removes the official answer from a question, leaving the reply itself in place. */
export async function clearOfficialAnswer(
  db: Kysely<Database>,
  actor: Viewer,
  threadId: number,
): Promise<void> {
  if (!isStaff(actor))
    throw new ForbiddenError("Only council staff can change an official answer.");
  await runTransaction(db, async (trx) => {
    await loadQuestion(trx, threadId);
    await trx
      .updateTable("threads")
      .set({ answered_post_id: null, answered_at: null })
      .where("id", "=", threadId)
      .execute();
  });
}

export interface UnansweredQuestion {
  threadId: number;
  title: string;
  issueTitle: string;
  issueSlug: string;
  team: string | null;
  askedAt: Date;
  replyCount: number;
}

export const UNANSWERED_PER_PAGE = 50;

/**
 * Questions to staff still without an official answer after `olderThanDays`, oldest
 * first (keyset on asked time and id): the officers' to-do list.
 */
export async function listUnansweredQuestions(
  db: Kysely<Database>,
  options: { olderThanDays: number; now: Date; after: string | null },
): Promise<{ questions: UnansweredQuestion[]; next: string | null }> {
  const cutoff = new Date(options.now.getTime() - options.olderThanDays * 86_400_000);
  let query = db
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "threads.id as threadId",
      "threads.title",
      "issues.title as issueTitle",
      "issues.slug as issueSlug",
      "issues.team",
      "threads.created_at as askedAt",
      "threads.reply_count as replyCount",
    ])
    .where("threads.kind", "=", "question")
    .where(publicThread.where)
    .where("threads.answered_post_id", "is", null)
    .where("threads.created_at", "<=", cutoff);
  const cursor = parseDateCursor(options.after);
  if (cursor) {
    query = query.where(
      sql<boolean>`(threads.created_at, threads.id) > (${cursor.at}, ${cursor.id})`,
    );
  }
  const rows = await query
    .orderBy("threads.created_at")
    .orderBy("threads.id")
    .limit(UNANSWERED_PER_PAGE + 1)
    .execute();
  const questions = rows.slice(0, UNANSWERED_PER_PAGE);
  const last = questions.at(-1);
  return {
    questions,
    next:
      rows.length > UNANSWERED_PER_PAGE && last
        ? `${last.askedAt.toISOString()}_${last.threadId}`
        : null,
  };
}
