/**
 * Deleting an account (UK GDPR article 17). Personal data goes: the email address,
 * name, introduction, password, home area, follows, supports, notifications, email
 * settings, tokens, exports and sessions; free-text notes on flags. The person chooses
 * what happens to what they wrote: it stays, credited to "Former participant", or it is
 * removed (text blanked, earlier versions deleted, gone from search).
 *
 * What stays, and why: the row itself (a tombstone, so threads keep their shape and no
 * one can re-register into the old identity) and the moderation audit log, which the
 * database will not let anyone rewrite; it is the council's record of decisions made,
 * and its entries now name "Former participant". The privacy notice says so.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { endSessionsOf } from "../auth.server";
import { enqueueEvent } from "../jobs/outbox.server";
import { recordAction } from "./audit-log.server";
import { confirmPassword } from "./reauthentication.server";

import { FORMER_PARTICIPANT } from "./account-labels";
import { runTransaction } from "../../db/transaction";

export { FORMER_PARTICIPANT };

export type ContributionChoice = "keep" | "remove";

export async function deleteAccount(
  db: Kysely<Database>,
  input: { userId: number; password: string; contributions: ContributionChoice },
  now: Date,
): Promise<void> {
  await confirmPassword(db, { userId: input.userId, password: input.password, field: "password" });
  await runTransaction(db, async (trx) => {
    const { userId } = input;
    if (input.contributions === "remove") {
      const removed = await trx
        .updateTable("posts")
        .set({ status: "deleted", deleted_at: now, body_md: "", body_html: "" })
        .where("author_id", "=", userId)
        .returning("id")
        .execute();
      if (removed.length > 0) {
        await trx
          .deleteFrom("post_revisions")
          .where(
            "post_id",
            "in",
            removed.map((row) => row.id),
          )
          .execute();
      }
      // A thread's title is theirs too; the thread stays so other people's replies do.
      await trx
        .updateTable("threads")
        .set({ title: "Thread removed by its author" })
        .where("author_id", "=", userId)
        .execute();
    }
    // Supports leave the idea's count with them.
    const supported = await trx
      .deleteFrom("supports")
      .where("user_id", "=", userId)
      .returning("thread_id")
      .execute();
    for (const { thread_id } of supported) {
      await trx
        .updateTable("threads")
        .set({ support_count: sql`greatest(support_count - 1, 0)` })
        .where("id", "=", thread_id)
        .execute();
    }
    for (const table of [
      "issue_follows",
      "thread_follows",
      "notifications",
      "notification_mutes",
      "email_preferences",
      "account_tokens",
      "data_exports",
    ] as const) {
      await trx.deleteFrom(table).where("user_id", "=", userId).execute();
    }
    await trx.updateTable("flags").set({ note: null }).where("user_id", "=", userId).execute();
    await trx
      .updateTable("users")
      .set({
        email: `deleted-${userId}@deleted.invalid`,
        display_name: FORMER_PARTICIPANT,
        bio: "",
        password_hash: null,
        team: null,
        home_area_id: null,
        email_verified_at: null,
        sanction_reason: null,
        deleted_at: now,
      })
      .where("id", "=", userId)
      .execute();
    await endSessionsOf(trx, userId);
    await recordAction(
      trx,
      {
        actorId: userId,
        action: "account.deleted",
        targetType: "user",
        targetId: userId,
        after: { contributions: input.contributions },
      },
      now,
    );
    // Every search document that names them, or holds their removed text, is redone.
    await enqueueEvent(trx, "search.sync", { kind: "author", id: userId });
  });
}
