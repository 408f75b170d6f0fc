/** Issues: the specific local matters residents talk about, each with a consultation window. */
import { sql, type Kysely } from "kysely";
import type { Database, Issue } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import { can } from "../permissions";
import type { EditIssueInput, NewIssueInput } from "../schemas/issues";
import { enqueueEvent } from "../jobs/outbox.server";
import { enqueueSearchSync } from "../jobs/search-sync.server";
import { ForbiddenError, InvalidInputError, NotFoundError } from "./errors";
import {
  ANNOUNCED_PHASES,
  issuePhase,
  issueStatusAfterEdit,
  issueVisibleTo,
  openIssue,
  publicIssue,
  publicThread,
  closedEarlyAtAfterEdit,
} from "./policy";
import { slugify } from "./slugs";
import { runTransaction } from "../../db/transaction";
import { endOfLondonDay, startOfLondonDay } from "./uk-calendar";

/** Slugs that are routes of their own. */
const RESERVED_SLUGS = new Set(["new"]);

export interface IssueSummary {
  id: number;
  slug: string;
  title: string;
  closesAt: Date;
  threadCount: number;
}

export interface AreaWithIssues {
  id: number;
  slug: string;
  name: string;
  /** The few closing soonest; `more` says the area page has others. */
  issues: IssueSummary[];
  more: boolean;
}

/** How many open issues the home page shows per area before "see all". */
export const HOME_ISSUES_PER_AREA = 5;

/**
 * The home page: per area, the few issues open for comment that close soonest, and
 * whether there are more. Bounded however many issues are open: each area reads at most
 * one more than it shows, walking the (status, area, closes_at) index in order, and
 * the thread counts are one grouped query over the issues shown.
 */
export async function listOpenIssuesByArea(
  db: Kysely<Database>,
  now: Date,
  areaId: number | null = null,
): Promise<AreaWithIssues[]> {
  let areasQuery = db.selectFrom("areas").select(["areas.id", "areas.slug", "areas.name"]);
  if (areaId !== null) areasQuery = areasQuery.where("areas.id", "=", areaId);
  const rows = await areasQuery
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom("issues")
          .select(["issues.id", "issues.slug", "issues.title", "issues.closes_at"])
          .whereRef("issues.area_id", "=", "areas.id")
          .where(openIssue(now).where)
          .orderBy("issues.closes_at")
          .orderBy("issues.id")
          .limit(HOME_ISSUES_PER_AREA + 1)
          .as("open_issue"),
      (join) => join.onTrue(),
    )
    .select([
      "open_issue.id as issue_id",
      "open_issue.slug as issue_slug",
      "open_issue.title",
      "open_issue.closes_at",
    ])
    .orderBy("areas.name")
    .orderBy("areas.id")
    .orderBy("open_issue.closes_at")
    .orderBy("open_issue.id")
    .execute();
  const threadCounts = await countPublicThreads(
    db,
    rows.map((row) => row.issue_id),
  );

  const areas = new Map<number, AreaWithIssues>();
  for (const row of rows) {
    let area = areas.get(row.id);
    if (!area) {
      area = { id: row.id, slug: row.slug, name: row.name, issues: [], more: false };
      areas.set(row.id, area);
    }
    if (area.issues.length === HOME_ISSUES_PER_AREA) {
      area.more = true;
      continue;
    }
    area.issues.push({
      id: row.issue_id,
      slug: row.issue_slug,
      title: row.title,
      closesAt: row.closes_at,
      threadCount: threadCounts.get(row.issue_id) ?? 0,
    });
  }
  return [...areas.values()];
}

/** Public threads per issue, for a page's worth of issues, in one grouped query. */
export async function countPublicThreads(
  db: Kysely<Database>,
  issueIds: readonly number[],
): Promise<Map<number, number>> {
  if (issueIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select(["threads.issue_id", sql<number>`count(*)::int`.as("n")])
    .where("threads.issue_id", "in", issueIds)
    .where(publicThread.where)
    .groupBy("threads.issue_id")
    .execute();
  return new Map(rows.map((row) => [row.issue_id, row.n]));
}

export interface IssueDetail extends Issue {
  areaName: string;
  areaSlug: string;
  categoryName: string;
  categorySlug: string;
}

/** One issue by slug. Drafts exist only for the staff who can create issues. */
export async function getIssue(
  db: Kysely<Database>,
  slug: string,
  viewer: Viewer | null,
): Promise<IssueDetail> {
  const issue = await db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .innerJoin("categories", "categories.id", "issues.category_id")
    .selectAll("issues")
    .select([
      "areas.name as areaName",
      "areas.slug as areaSlug",
      "categories.name as categoryName",
      "categories.slug as categorySlug",
    ])
    .where("issues.slug", "=", slug)
    .executeTakeFirst();
  if (!issue)
    throw new NotFoundError("We couldn't find that issue. It may have been renamed or removed.");
  if (!issueVisibleTo(viewer).holds({ issueStatus: issue.status })) {
    throw new NotFoundError("We couldn't find that issue. It may have been renamed or removed.");
  }
  return issue;
}

/** Creates an issue, open now or as a draft; returns its slug. */
export async function createIssue(
  db: Kysely<Database>,
  actor: Viewer,
  input: NewIssueInput,
  now: Date,
): Promise<string> {
  if (!can(actor, "create:issue:any")) {
    throw new ForbiddenError("Only council officers can create issues.");
  }
  // A consultation closes at the end of its closing day, UK time (23:59:59 in London).
  const closesAt = endOfLondonDay(input.closesOn);
  if (closesAt <= now) {
    throw new InvalidInputError("The closing date must be in the future.", {
      closesOn: "The closing date must be in the future",
    });
  }
  return runTransaction(db, async (trx) => {
    await assertAreaAndCategoryExist(trx, input.areaId, input.categoryId);
    const slug = await uniqueSlug(trx, slugify(input.title));
    const created = await trx
      .insertInto("issues")
      .values({
        slug,
        title: input.title,
        summary_md: input.summary,
        summary_html: renderMarkdown(input.summary),
        area_id: input.areaId,
        category_id: input.categoryId,
        status: input.publish === "now" ? "open" : "draft",
        opens_at: now,
        closes_at: closesAt,
        opened_sent_at: now,
        team: input.team || actor.team,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueSearchSync(trx, { kind: "issue", id: created.id });
    return slug;
  });
}

/**
 * Changes an issue. When that changes what residents see (opened, closed, reopened),
 * everyone following it is told, through the outbox.
 */
export async function updateIssue(
  db: Kysely<Database>,
  actor: Viewer,
  slug: string,
  input: EditIssueInput,
  now: Date,
): Promise<string> {
  if (!can(actor, "create:issue:any"))
    throw new ForbiddenError("Only council officers can edit issues.");
  const opensAt = startOfLondonDay(input.opensOn);
  const closesAt = endOfLondonDay(input.closesOn);
  if (closesAt <= opensAt) {
    throw new InvalidInputError("The consultation must close after it opens.", {
      closesOn: "The closing date must be after the opening date",
    });
  }
  return runTransaction(db, async (trx) => {
    const issue = await trx
      .selectFrom("issues")
      .selectAll()
      .where("slug", "=", slug)
      .forUpdate()
      .executeTakeFirst();
    if (!issue) throw new NotFoundError("We couldn't find that issue.");
    await assertAreaAndCategoryExist(trx, input.areaId, input.categoryId);

    const status = issueStatusAfterEdit(issue.status, input.visibility);
    const windowMoved = closesAt.getTime() !== issue.closes_at.getTime();
    const opensMoved = opensAt.getTime() !== issue.opens_at.getTime();
    await trx
      .updateTable("issues")
      .set({
        title: input.title,
        summary_md: input.summary,
        summary_html: renderMarkdown(input.summary),
        area_id: input.areaId,
        category_id: input.categoryId,
        opens_at: opensAt,
        closes_at: closesAt,
        team: input.team || null,
        status,
        closed_early_at: closedEarlyAtAfterEdit(status, closesAt, issue.closed_early_at, now),
        updated_at: now,
        // A moved closing date gets its own "closing soon" and "closed" announcements.
        ...(windowMoved ? { closing_soon_sent_at: null, closed_sent_at: null } : {}),
        // A moved opening date is announced when it comes (or now, below, if it has passed).
        ...(opensMoved ? { opened_sent_at: opensAt <= now ? now : null } : {}),
      })
      .where("id", "=", issue.id)
      .execute();
    await enqueueSearchSync(trx, { kind: "issue", id: issue.id });
    const before = issuePhase(issue, now);
    const after = issuePhase({ status, opens_at: opensAt, closes_at: closesAt }, now);
    if (before !== after && ANNOUNCED_PHASES.includes(after)) {
      await enqueueEvent(trx, "issue.status_changed", { issueId: issue.id, phase: after });
      if (after === "closed")
        await trx
          .updateTable("issues")
          .set({ closed_sent_at: now })
          .where("id", "=", issue.id)
          .execute();
    }
    return issue.slug;
  });
}

/** Refuses, field by field, an area or a category that isn't in the lists. */
async function assertAreaAndCategoryExist(
  trx: Kysely<Database>,
  areaId: number,
  categoryId: number,
): Promise<void> {
  const [area, category] = await Promise.all([
    trx.selectFrom("areas").select("id").where("id", "=", areaId).executeTakeFirst(),
    trx.selectFrom("categories").select("id").where("id", "=", categoryId).executeTakeFirst(),
  ]);
  const fieldErrors: Record<string, string> = {};
  if (!area) fieldErrors.areaId = "Choose an area from the list";
  if (!category) fieldErrors.categoryId = "Choose a category from the list";
  if (Object.keys(fieldErrors).length > 0) {
    throw new InvalidInputError("Some choices are not in the list.", fieldErrors);
  }
}

async function uniqueSlug(db: Kysely<Database>, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .selectFrom("issues")
        .select("slug")
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
        .execute()
    ).map((row) => row.slug),
  );
  for (const reserved of RESERVED_SLUGS) taken.add(reserved);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

/** Public issues by title, for pickers. */
export function listIssueChoices(db: Kysely<Database>): Promise<{ id: number; title: string }[]> {
  return db
    .selectFrom("issues")
    .select(["id", "title"])
    .where(publicIssue.where)
    .orderBy("title")
    .limit(500)
    .execute();
}
