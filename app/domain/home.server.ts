/** "What's happening near you": the home page's sections, for one area or for all. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { listOpenIssuesByArea, type AreaWithIssues } from "./issues.server";
import { openIssue, publicPost } from "./policy";

const CLOSING_SOON_DAYS = 7;

export interface ClosingSoonItem {
  slug: string;
  title: string;
  closesAt: Date;
  areaName: string;
}

export interface AnsweredQuestion {
  threadId: number;
  title: string;
  issueTitle: string;
  answeredAt: Date;
  team: string | null;
}

export interface HomeSections {
  open: AreaWithIssues[];
  closingSoon: ClosingSoonItem[];
  answered: AnsweredQuestion[];
}

export async function listHomeSections(
  db: Kysely<Database>,
  areaId: number | null,
  now: Date,
): Promise<HomeSections> {
  const soon = new Date(now.getTime() + CLOSING_SOON_DAYS * 86_400_000);
  let closingQuery = db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .select([
      "issues.slug",
      "issues.title",
      "issues.closes_at as closesAt",
      "areas.name as areaName",
    ])
    .where(openIssue(now).where)
    .where("issues.closes_at", "<=", soon);
  let answeredQuery = db
    .selectFrom("threads")
    .innerJoin("posts", "posts.id", "threads.answered_post_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "threads.id as threadId",
      "threads.title",
      "issues.title as issueTitle",
      "threads.answered_at as answeredAt",
      "users.team",
    ])
    // The answer is public, so its thread and issue are too.
    .where(publicPost.where);
  if (areaId !== null) {
    closingQuery = closingQuery.where("issues.area_id", "=", areaId);
    answeredQuery = answeredQuery.where("issues.area_id", "=", areaId);
  }
  const [open, closingSoon, answered] = await Promise.all([
    listOpenIssuesByArea(db, now, areaId),
    closingQuery.orderBy("issues.closes_at").limit(5).execute(),
    answeredQuery
      .where("threads.answered_at", "is not", null)
      .$narrowType<{ answeredAt: Date }>()
      .orderBy("threads.answered_at", "desc")
      .orderBy("threads.id", "desc")
      .limit(5)
      .execute(),
  ]);
  return { open, closingSoon, answered };
}

/** Remembers a signed-in person's chosen area (null: all areas). */
export async function setHomeArea(
  db: Kysely<Database>,
  userId: number,
  areaId: number | null,
): Promise<void> {
  await db.updateTable("users").set({ home_area_id: areaId }).where("id", "=", userId).execute();
}

export async function getHomeAreaId(db: Kysely<Database>, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom("users")
    .select("home_area_id")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row?.home_area_id ?? null;
}
