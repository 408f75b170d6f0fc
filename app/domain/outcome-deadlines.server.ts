/** When a consultation's outcome is due, and the officers' list of those still awaited. */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { issueAwaitingOutcome, issueClosedAt } from "./policy";
import { parseDateCursor } from "../schemas/query";

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

/** How many the officers' list shows at a time. */
export const AWAITING_PER_PAGE = 50;

/**
 * Closed issues with no published outcome, soonest closed first (so soonest due): the
 * officers' to-do list, keyset-paged by (closes_at, id).
 */
export async function listAwaitingOutcome(
  db: Kysely<Database>,
  now: Date,
  weeks: number,
  after: string | null = null,
): Promise<{ issues: AwaitingOutcome[]; next: string | null }> {
  const cursor = parseDateCursor(after);
  const rows = await db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .select([
      "issues.id",
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
    .$if(cursor !== null, (query) =>
      query.where(sql<boolean>`(issues.closes_at, issues.id) > (${cursor?.at}, ${cursor?.id})`),
    )
    .orderBy("issues.closes_at")
    .orderBy("issues.id")
    .limit(AWAITING_PER_PAGE + 1)
    .execute();
  const shown = rows.slice(0, AWAITING_PER_PAGE);
  const last = shown.at(-1);
  const issues = shown.map((row) => {
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
  return {
    issues,
    next:
      rows.length > AWAITING_PER_PAGE && last ? `${last.closes_at.toISOString()}_${last.id}` : null,
  };
}
