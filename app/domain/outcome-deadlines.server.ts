/** When a consultation's outcome is due, and the officers' list of those still awaited. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { issueAwaitingOutcome } from "./policy";

export interface AwaitingOutcome {
  slug: string;
  title: string;
  areaName: string;
  closesAt: Date;
  dueAt: Date;
  overdue: boolean;
}

const WEEK_MS = 7 * 86_400_000;

/** When a response to a closed consultation is due: closing plus N weeks (UK practice: 12). */
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
    .select(["issues.slug", "issues.title", "areas.name as areaName", "issues.closes_at"])
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
    const dueAt = responseDueAt(row.closes_at, weeks);
    return {
      slug: row.slug,
      title: row.title,
      areaName: row.areaName,
      closesAt: row.closes_at,
      dueAt,
      overdue: dueAt < now,
    };
  });
}
