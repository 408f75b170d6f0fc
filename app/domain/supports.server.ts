/** Supporting ideas: one support per resident per idea, withdrawable while the issue is open. */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { ConflictError, ForbiddenError } from "./errors";
import {
  assertMayContribute,
  lockThreadForContribution,
  type LockedThread,
} from "./participation.server";
import { runTransaction } from "../../db/transaction";

export interface SupportState {
  supported: boolean;
  supportCount: number;
}

function assertSupportable(thread: LockedThread, actor: Viewer): void {
  if (thread.kind !== "idea") throw new ConflictError("Only ideas can be supported.");
  if (thread.authorId === actor.id) throw new ForbiddenError("You can't support your own idea.");
}

async function readState(
  db: Kysely<Database>,
  threadId: number,
  userId: number,
): Promise<SupportState> {
  const row = await db
    .selectFrom("threads")
    .select((eb) => [
      "threads.support_count",
      eb
        .exists(
          eb
            .selectFrom("supports")
            .select("supports.user_id")
            .whereRef("supports.thread_id", "=", "threads.id")
            .where("supports.user_id", "=", userId),
        )
        .as("supported"),
    ])
    .where("threads.id", "=", threadId)
    .executeTakeFirstOrThrow();
  return { supported: Boolean(row.supported), supportCount: row.support_count };
}

/**
 * Adds or removes the actor's support in one transaction with the thread locked. The
 * primary key decides: of fifty concurrent clicks exactly one inserts (or deletes) a
 * row, and only a row that changed moves the count.
 */
async function changeSupport(
  db: Kysely<Database>,
  actor: Viewer,
  threadId: number,
  now: Date,
  change: "add" | "remove",
): Promise<SupportState> {
  assertMayContribute(actor, now);
  return runTransaction(db, async (trx) => {
    const thread = await lockThreadForContribution(trx, threadId, now);
    assertSupportable(thread, actor);
    const changed =
      change === "add"
        ? await trx
            .insertInto("supports")
            .values({ thread_id: threadId, user_id: actor.id, created_at: now })
            .onConflict((oc) => oc.columns(["thread_id", "user_id"]).doNothing())
            .returning("user_id")
            .executeTakeFirst()
        : await trx
            .deleteFrom("supports")
            .where("thread_id", "=", threadId)
            .where("user_id", "=", actor.id)
            .returning("user_id")
            .executeTakeFirst();
    if (changed) {
      await trx
        .updateTable("threads")
        .set({
          support_count:
            change === "add" ? sql<number>`support_count + 1` : sql<number>`support_count - 1`,
        })
        .where("id", "=", threadId)
        .execute();
    }
    return readState(trx, threadId, actor.id);
  });
}

/** Adds the actor's support to an idea. Supporting twice changes nothing. */
export function supportIdea(
  db: Kysely<Database>,
  actor: Viewer,
  threadId: number,
  now: Date,
): Promise<SupportState> {
  return changeSupport(db, actor, threadId, now, "add");
}

/** Takes the actor's support back; withdrawing a support that isn't there changes nothing. */
export function withdrawSupport(
  db: Kysely<Database>,
  actor: Viewer,
  threadId: number,
  now: Date,
): Promise<SupportState> {
  return changeSupport(db, actor, threadId, now, "remove");
}
