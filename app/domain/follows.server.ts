/** Following issues and threads: who hears about what happens next. */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { NotFoundError } from "./errors";
import { publicIssue, publicThread } from "./policy";

export type FollowTarget = { kind: "issue"; id: number } | { kind: "thread"; id: number };

async function assertTargetExists(db: Kysely<Database>, target: FollowTarget): Promise<void> {
  const row =
    target.kind === "issue"
      ? await db
          .selectFrom("issues")
          .select("issues.id")
          .where("issues.id", "=", target.id)
          .where(publicIssue.where)
          .executeTakeFirst()
      : await db
          .selectFrom("threads")
          .innerJoin("issues", "issues.id", "threads.issue_id")
          .select("threads.id")
          .where("threads.id", "=", target.id)
          .where(publicThread.where)
          .executeTakeFirst();
  if (!row) throw new NotFoundError(`We couldn't find that ${target.kind}.`);
}

/** Follows an issue or a thread; following twice is the same as once. */
export async function follow(
  db: Kysely<Database>,
  actor: Viewer,
  target: FollowTarget,
): Promise<void> {
  await assertTargetExists(db, target);
  if (target.kind === "issue") {
    await db
      .insertInto("issue_follows")
      .values({ user_id: actor.id, issue_id: target.id })
      .onConflict((oc) => oc.columns(["user_id", "issue_id"]).doNothing())
      .execute();
  } else {
    await followThreadIn(db, actor.id, target.id);
  }
}

export async function unfollow(
  db: Kysely<Database>,
  actor: Viewer,
  target: FollowTarget,
): Promise<void> {
  if (target.kind === "issue") {
    await db
      .deleteFrom("issue_follows")
      .where("user_id", "=", actor.id)
      .where("issue_id", "=", target.id)
      .execute();
  } else {
    await db
      .deleteFrom("thread_follows")
      .where("user_id", "=", actor.id)
      .where("thread_id", "=", target.id)
      .execute();
  }
}

/** Posting in a thread follows it: used inside the posting transaction. */
export async function followThreadIn(
  trx: Kysely<Database> | Transaction<Database>,
  userId: number,
  threadId: number,
): Promise<void> {
  await trx
    .insertInto("thread_follows")
    .values({ user_id: userId, thread_id: threadId })
    .onConflict((oc) => oc.columns(["user_id", "thread_id"]).doNothing())
    .execute();
}
