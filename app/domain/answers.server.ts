/** Official answers: an officer marks a staff reply as the answer to a question. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { isStaff } from "../permissions";
import { enqueueEvent } from "../jobs/outbox.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";

async function loadQuestion(db: Kysely<Database>, threadId: number) {
  const thread = await db
    .selectFrom("threads")
    .select(["id", "kind", "status"])
    .where("id", "=", threadId)
    .forUpdate()
    .executeTakeFirst();
  if (!thread || thread.status !== "published")
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
  await db.transaction().execute(async (trx) => {
    await loadQuestion(trx, threadId);
    const post = await trx
      .selectFrom("posts")
      .select(["id", "is_staff", "status"])
      .where("id", "=", postId)
      .where("thread_id", "=", threadId)
      .executeTakeFirst();
    if (!post || post.status !== "published")
      throw new NotFoundError("We couldn't find that reply in this thread.");
    if (!post.is_staff)
      throw new ConflictError("Only a reply from council staff can be the official answer.");
    const changed = await trx
      .updateTable("threads")
      .set({ answered_post_id: postId })
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
  await db.transaction().execute(async (trx) => {
    await loadQuestion(trx, threadId);
    await trx
      .updateTable("threads")
      .set({ answered_post_id: null })
      .where("id", "=", threadId)
      .execute();
  });
}
