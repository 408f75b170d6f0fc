/** When a consultation's outcome is due, and the officers' list of those still awaited. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { issueAwaitingOutcome, issueClosedAt } from "./policy";

export interface AwaitingOutcome {
  slug: string;
  title: string;
  areaName: string;
  /** The day it really closed (earlier than its closing date if closed early). */
  closedAt: Date;
  dueAt: Date;
  overdue: boolean;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * When a response to a closed consultation is due: closing plus N weeks (UK practice: 12),
 * counted from the day it really closed.
 */
export function responseDueAt(closesAt: Date, weeks: number): Date {
  return new Date(closesAt.getTime() + weeks * WEEK_MS);
}

/** Closed issues with no published outcome, soonest due first: the officers' to-do list. */
export async function listAwaitingOutcome(
  db: Kysely<Database>,
  now: Date,
  weeks: number,
): Promise<AwaitingOutcome[]> {
  const rows = await db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .select([
      "issues.slug",
      "issues.title",
      "areas.name as areaName",
      "issues.closes_at",
      "issues.closed_early_at",
    ])
    .where(issueAwaitingOutcome(now).where)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("outcomes")
            .select("outcomes.id")
            .whereRef("outcomes.issue_id", "=", "issues.id")
            .where("outcomes.published_at", "is not", null),
        ),
      ),
    )
    .orderBy("issues.closes_at")
    .limit(200)
    .execute();
  return rows.map((row) => {
    const closedAt = issueClosedAt({ closesAt: row.closes_at, closedEarlyAt: row.closed_early_at });
    const dueAt = responseDueAt(closedAt, weeks);
    return {
      slug: row.slug,
      title: row.title,
      areaName: row.areaName,
      closedAt,
      dueAt,
      overdue: dueAt < now,
    };
  });
}
