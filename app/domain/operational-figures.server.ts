/**
 * The figures an operator watches: how far behind the outbox worker is, and how big and
 * old the moderation queue is. Read on demand by /metrics (each a count over a small
 * partial index: only waiting events, only open items).
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";

export interface OperationalFigures {
  /** Outbox events not yet handled, including those waiting to be retried. */
  outboxWaiting: number;
  /** How long the oldest event that is due has waited since it became due (0: none). */
  outboxLagSeconds: number;
  /** Moderation items open now. */
  queueOpen: number;
  /** Age of the oldest open item (0: none). */
  queueOldestSeconds: number;
}

export async function readOperationalFigures(
  db: Kysely<Database>,
  now: Date,
): Promise<OperationalFigures> {
  const secondsSince = (at: Date | null) =>
    at ? Math.max(0, (now.getTime() - new Date(at).getTime()) / 1000) : 0;
  const [outbox, queue] = await Promise.all([
    db
      .selectFrom("outbox")
      .select([
        sql<number>`count(*)::int`.as("waiting"),
        sql<Date | null>`min(run_after) filter (where run_after <= ${now})`.as("oldestDue"),
      ])
      .where("done_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("moderation_items")
      .select([
        sql<number>`count(*)::int`.as("open"),
        sql<Date | null>`min(created_at)`.as("oldest"),
      ])
      .where("status", "=", "open")
      .executeTakeFirstOrThrow(),
  ]);
  return {
    outboxWaiting: outbox.waiting,
    outboxLagSeconds: secondsSince(outbox.oldestDue),
    queueOpen: queue.open,
    queueOldestSeconds: secondsSince(queue.oldest),
  };
}
