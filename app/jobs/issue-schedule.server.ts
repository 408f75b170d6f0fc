/**
 * Time-driven issue events: "now open", "closes within 48 hours" and "has closed". A
 * consultation opens and closes by the clock, not by anyone's action, so the worker
 * looks for these every minute; the *_sent_at columns make each announcement happen
 * once. Opening and closing also re-index the issue, whose status is a search facet.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { enqueueEvent } from "./outbox.server";
import { runTransaction } from "../../db/transaction";
import { issueMovedByClock, openIssue } from "../domain/policy";

const CLOSING_SOON_MS = 48 * 60 * 60 * 1000;

export async function enqueueDueIssueEvents(
  db: Kysely<Database>,
  now: Date,
): Promise<{ opened: number; closingSoon: number; closed: number }> {
  return runTransaction(db, async (trx) => {
    const opened = await trx
      .updateTable("issues")
      .set({ opened_sent_at: now })
      .where(issueMovedByClock("open", now).where)
      .where("opened_sent_at", "is", null)
      .returning("id")
      .execute();
    for (const { id } of opened) {
      await enqueueEvent(trx, "issue.status_changed", { issueId: id, phase: "open" });
      await enqueueEvent(trx, "search.sync", { kind: "issue", id });
    }

    const closingSoon = await trx
      .updateTable("issues")
      .set({ closing_soon_sent_at: now })
      .where(openIssue(now).where)
      .where("closes_at", "<=", new Date(now.getTime() + CLOSING_SOON_MS))
      .where("closing_soon_sent_at", "is", null)
      .returning("id")
      .execute();
    for (const { id } of closingSoon)
      await enqueueEvent(trx, "issue.closing_soon", { issueId: id });

    const closed = await trx
      .updateTable("issues")
      .set({ closed_sent_at: now })
      .where(issueMovedByClock("closed", now).where)
      .where("closed_sent_at", "is", null)
      .returning("id")
      .execute();
    for (const { id } of closed) {
      await enqueueEvent(trx, "issue.status_changed", { issueId: id, phase: "closed" });
      // Its documents carry the status facet.
      await enqueueEvent(trx, "search.sync", { kind: "issue", id });
    }
    return { opened: opened.length, closingSoon: closingSoon.length, closed: closed.length };
  });
}
