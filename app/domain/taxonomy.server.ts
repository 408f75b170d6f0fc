/** Areas (wards) and categories: the two ways issues are grouped, and their pages. */
import { enqueueSearchSync } from "../jobs/search-sync.server";
import { sql, type Kysely } from "kysely";
import type { Area, Category, Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { can } from "../permissions";
import { ForbiddenError, InvalidInputError, NotFoundError } from "./errors";
import { issuePhase, openIssue, publicIssue, type IssuePhase } from "./policy";
import { slugify } from "./slugs";
import { runTransaction } from "../../db/transaction";
import { parseDateCursor } from "../schemas/query";

export function listAreas(db: Kysely<Database>): Promise<Area[]> {
  return db.selectFrom("areas").selectAll().orderBy("name").execute();
}

export function listCategories(db: Kysely<Database>): Promise<Category[]> {
  return db.selectFrom("categories").selectAll().orderBy("name").execute();
}

export async function getAreaBySlug(db: Kysely<Database>, slug: string): Promise<Area> {
  const area = await db.selectFrom("areas").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!area) throw new NotFoundError("We couldn't find that area.");
  return area;
}

export async function getCategoryBySlug(db: Kysely<Database>, slug: string): Promise<Category> {
  const category = await db
    .selectFrom("categories")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!category) throw new NotFoundError("We couldn't find that category.");
  return category;
}

export interface IssueListItem {
  id: number;
  slug: string;
  title: string;
  phase: IssuePhase;
  opensAt: Date;
  closesAt: Date;
  closedEarlyAt: Date | null;
  areaName: string;
  categoryName: string;
}

export const ISSUES_PER_PAGE = 25;

/** Which issues a list shows: every public one, or those open for comments now. */
export type IssueListView = "all" | "open";

/**
 * Public issues in an area or a category, keyset-paged by (closes_at, id). "all" shows
 * the latest closing date first; "open" only those taking comments now, closing soonest
 * first (where the home page's "see all" leads). Drafts never appear.
 */
export async function listIssuesIn(
  db: Kysely<Database>,
  filter: { areaId: number } | { categoryId: number },
  page: { view: IssueListView; after: string | null },
  now: Date,
): Promise<{ issues: IssueListItem[]; next: string | null }> {
  const soonestFirst = page.view === "open";
  let query = db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .innerJoin("categories", "categories.id", "issues.category_id")
    .select([
      "issues.id",
      "issues.slug",
      "issues.title",
      "issues.status",
      "issues.opens_at",
      "issues.closes_at",
      "issues.closed_early_at",
      "areas.name as areaName",
      "categories.name as categoryName",
    ])
    .where((soonestFirst ? openIssue(now) : publicIssue).where);
  query =
    "areaId" in filter
      ? query.where("issues.area_id", "=", filter.areaId)
      : query.where("issues.category_id", "=", filter.categoryId);
  const cursor = parseDateCursor(page.after);
  if (cursor) {
    query = soonestFirst
      ? query.where(sql<boolean>`(issues.closes_at, issues.id) > (${cursor.at}, ${cursor.id})`)
      : query.where(sql<boolean>`(issues.closes_at, issues.id) < (${cursor.at}, ${cursor.id})`);
  }
  const direction = soonestFirst ? "asc" : "desc";
  const rows = await query
    .orderBy("issues.closes_at", direction)
    .orderBy("issues.id", direction)
    .limit(ISSUES_PER_PAGE + 1)
    .execute();
  const issues = rows.slice(0, ISSUES_PER_PAGE).map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    phase: issuePhase(row, now),
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    closedEarlyAt: row.closed_early_at,
    areaName: row.areaName,
    categoryName: row.categoryName,
  }));
  const last = issues.at(-1);
  return {
    issues,
    next:
      rows.length > ISSUES_PER_PAGE && last ? `${last.closesAt.toISOString()}_${last.id}` : null,
  };
}

function assertAdmin(actor: Viewer): void {
  if (!can(actor, "manage:taxonomy:any"))
    throw new ForbiddenError("Only administrators can manage areas and categories.");
}

/** Adds an area or a category; its address comes from its name and never changes. */
export async function createGroup(
  db: Kysely<Database>,
  actor: Viewer,
  kind: "areas" | "categories",
  input: { name: string; description?: string },
): Promise<string> {
  assertAdmin(actor);
  const slug = slugify(input.name);
  const taken = await db.selectFrom(kind).select("id").where("slug", "=", slug).executeTakeFirst();
  if (taken)
    throw new InvalidInputError("That name is taken.", {
      name: "There is already one with this name",
    });
  if (kind === "areas") {
    await db
      .insertInto("areas")
      .values({ slug, name: input.name, description: input.description ?? "" })
      .execute();
  } else {
    await db.insertInto("categories").values({ slug, name: input.name }).execute();
  }
  return slug;
}

/** Renames an area or a category (its address stays, so links keep working). */
export async function renameGroup(
  db: Kysely<Database>,
  actor: Viewer,
  kind: "areas" | "categories",
  id: number,
  input: { name: string; description?: string },
): Promise<void> {
  assertAdmin(actor);
  await runTransaction(db, async (trx) => {
    const result =
      kind === "areas"
        ? await trx
            .updateTable("areas")
            .set({ name: input.name, description: input.description ?? "" })
            .where("id", "=", id)
            .executeTakeFirst()
        : await trx
            .updateTable("categories")
            .set({ name: input.name })
            .where("id", "=", id)
            .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFoundError();
    // Area and category names are searchable on every document of their issues.
    const issues = await trx
      .selectFrom("issues")
      .select("id")
      .where(kind === "areas" ? "area_id" : "category_id", "=", id)
      .execute();
    for (const issue of issues) await enqueueSearchSync(trx, { kind: "issue", id: issue.id });
  });
}
