/** Reading outcomes: one outcome with its citations and revisions, the public lists, an issue's own. */
import { listOutcomeThemes, type OutcomeThemeView } from "./analysis/outcome-themes.server";
import type { Kysely } from "kysely";
import type { Database, NextStep, OutcomeStatus } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { can } from "../permissions";
import { NotFoundError } from "./errors";
import { type Participation } from "./issue-participation.server";
import { FORMER_PARTICIPANT } from "./account-labels";
import { publicPost, publicThread } from "./policy";

export interface CitationView {
  postId: number;
  /** Null when the contribution is no longer public: its text is never shown. */
  post: { authorName: string; bodyHtml: string; threadTitle: string; threadId: number } | null;
}

export interface OutcomeView {
  id: number;
  title: string;
  status: OutcomeStatus;
  statusReason: string | null;
  progress: number;
  youSaidHtml: string;
  youSaidMd: string;
  weDidHtml: string;
  weDidMd: string;
  nextSteps: NextStep[];
  team: string;
  participation: Participation | null;
  publishedAt: Date | null;
  updatedAt: Date;
  version: number;
  issue: { id: number; slug: string; title: string; areaName: string };
  /**
   * The idea the outcome is about: its title and link only while the thread is public;
   * "unavailable" once it was hidden or removed (the wording citations use); null when
   * the outcome is about the whole issue.
   */
  thread: { id: number; title: string } | "unavailable" | null;
  citations: CitationView[];
  /**
   * The analysis themes the outcome answers. Published: what each stood for at
   * publication (public contributions and people); a draft: not counted yet (zeros).
   */
  themes: OutcomeThemeView[];
  revisions: { team: string; summary: string; createdAt: Date }[];
}

/** One outcome: published ones for everyone, drafts for officers only. */
export async function getOutcome(
  db: Kysely<Database>,
  viewer: Viewer | null,
  outcomeId: number,
): Promise<OutcomeView> {
  const row = await db
    .selectFrom("outcomes")
    .innerJoin("issues", "issues.id", "outcomes.issue_id")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .leftJoin("threads", "threads.id", "outcomes.thread_id")
    .selectAll("outcomes")
    .select((eb) => [
      "issues.slug as issue_slug",
      "issues.title as issue_title",
      "areas.name as area_name",
      "threads.title as thread_title",
      publicThread.where(eb).as("thread_public"),
    ])
    .where("outcomes.id", "=", outcomeId)
    .executeTakeFirst();
  if (!row || (!row.published_at && !can(viewer, "create:issue:any"))) {
    throw new NotFoundError("We couldn't find that outcome.");
  }
  const [citations, revisions, themes] = await Promise.all([
    db
      .selectFrom("outcome_citations")
      .innerJoin("posts", "posts.id", "outcome_citations.post_id")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .innerJoin("users", "users.id", "posts.author_id")
      .select((eb) => [
        "posts.id",
        publicPost.where(eb).as("public"),
        "posts.body_html",
        "threads.id as thread_id",
        "threads.title as thread_title",
        "users.display_name",
        "users.deleted_at",
      ])
      .where("outcome_citations.outcome_id", "=", outcomeId)
      .orderBy("posts.id")
      .execute(),
    db
      .selectFrom("outcome_revisions")
      .select(["team", "summary", "created_at as createdAt"])
      .where("outcome_id", "=", outcomeId)
      .orderBy("id", "desc")
      .execute(),
    listOutcomeThemes(db, outcomeId),
  ]);
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    statusReason: row.status_reason,
    progress: row.progress,
    youSaidHtml: row.you_said_html,
    youSaidMd: row.you_said_md,
    weDidHtml: row.we_did_html,
    weDidMd: row.we_did_md,
    nextSteps: row.next_steps,
    team: row.team,
    participation: (row.participation as Participation | null) ?? null,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    version: row.version,
    issue: {
      id: row.issue_id,
      slug: row.issue_slug,
      title: row.issue_title,
      areaName: row.area_name,
    },
    thread: !row.thread_id
      ? null
      : row.thread_public && row.thread_title
        ? { id: row.thread_id, title: row.thread_title }
        : "unavailable",
    citations: citations.map((c) => ({
      postId: c.id,
      post: c.public
        ? {
            authorName: c.deleted_at ? FORMER_PARTICIPANT : c.display_name,
            bodyHtml: c.body_html,
            threadTitle: c.thread_title,
            threadId: c.thread_id,
          }
        : null,
    })),
    themes,
    revisions,
  };
}

/** The issue's public ideas, for an outcome about one of them. */
export interface OutcomeListItem {
  id: number;
  title: string;
  status: OutcomeStatus;
  progress: number;
  publishedAt: Date;
  updatedAt: Date;
  team: string;
  weDidHtml: string;
  issueSlug: string;
  issueTitle: string;
  areaName: string;
  areaSlug: string;
  categoryName: string;
}

export const OUTCOMES_PER_PAGE = 20;

/** Published outcomes, newest first, filtered by area, category and status (keyset). */
export async function listOutcomes(
  db: Kysely<Database>,
  filters: {
    areaSlug?: string | null;
    categorySlug?: string | null;
    status?: OutcomeStatus | null;
    issueId?: number | null;
    beforeId?: number | null;
    limit?: number;
  },
): Promise<{ outcomes: OutcomeListItem[]; nextBeforeId: number | null }> {
  const limit = filters.limit ?? OUTCOMES_PER_PAGE;
  let query = db
    .selectFrom("outcomes")
    .innerJoin("issues", "issues.id", "outcomes.issue_id")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .innerJoin("categories", "categories.id", "issues.category_id")
    .select([
      "outcomes.id",
      "outcomes.title",
      "outcomes.status",
      "outcomes.progress",
      "outcomes.published_at",
      "outcomes.updated_at as updatedAt",
      "outcomes.team",
      "outcomes.we_did_html as weDidHtml",
      "issues.slug as issueSlug",
      "issues.title as issueTitle",
      "areas.name as areaName",
      "areas.slug as areaSlug",
      "categories.name as categoryName",
    ])
    .where("outcomes.published_at", "is not", null);
  if (filters.areaSlug) query = query.where("areas.slug", "=", filters.areaSlug);
  if (filters.categorySlug) query = query.where("categories.slug", "=", filters.categorySlug);
  if (filters.status) query = query.where("outcomes.status", "=", filters.status);
  if (filters.issueId) query = query.where("outcomes.issue_id", "=", filters.issueId);
  if (filters.beforeId) query = query.where("outcomes.id", "<", filters.beforeId);
  const rows = await query
    .orderBy("outcomes.published_at", "desc")
    .orderBy("outcomes.id", "desc")
    .limit(limit + 1)
    .execute();
  const outcomes = rows.slice(0, limit).map((r) => ({
    ...r,
    publishedAt: r.published_at ?? r.updatedAt,
  }));
  return {
    outcomes,
    nextBeforeId: rows.length > limit ? (outcomes.at(-1)?.id ?? null) : null,
  };
}

export interface IssueOutcome {
  id: number;
  title: string;
  status: OutcomeStatus;
  progress: number;
  publishedAt: Date | null;
  revisions: { summary: string; createdAt: Date }[];
}

/** Drafts and published outcomes of one issue, for its page (drafts for officers only). */
export async function listIssueOutcomes(
  db: Kysely<Database>,
  viewer: Viewer | null,
  issueId: number,
): Promise<IssueOutcome[]> {
  let query = db
    .selectFrom("outcomes")
    .select(["id", "title", "status", "progress", "published_at as publishedAt"])
    .where("issue_id", "=", issueId);
  if (!can(viewer, "create:issue:any")) query = query.where("published_at", "is not", null);
  const outcomes = await query.orderBy("id").execute();
  const revisions = outcomes.length
    ? await db
        .selectFrom("outcome_revisions")
        .select(["outcome_id", "summary", "created_at as createdAt"])
        .where(
          "outcome_id",
          "in",
          outcomes.map((o) => o.id),
        )
        .orderBy("id")
        .execute()
    : [];
  return outcomes.map((o) => ({
    ...o,
    revisions: revisions.filter((r) => r.outcome_id === o.id),
  }));
}

/** Which published outcomes cite each of these posts, for "cited in" links. */
export async function citationsOfPosts(
  db: Kysely<Database>,
  postIds: number[],
): Promise<Map<number, { id: number; title: string }[]>> {
  const map = new Map<number, { id: number; title: string }[]>();
  if (postIds.length === 0) return map;
  // Two small lookups, each straight down an index: citations by post, then outcomes by id.
  const citations = await db
    .selectFrom("outcome_citations")
    .select(["post_id", "outcome_id"])
    .where("post_id", "in", postIds)
    .execute();
  if (citations.length === 0) return map;
  const outcomes = await db
    .selectFrom("outcomes")
    .select(["id", "title"])
    .where("id", "in", [...new Set(citations.map((c) => c.outcome_id))])
    .where("published_at", "is not", null)
    .execute();
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const rows = citations.flatMap((c) => {
    const outcome = byId.get(c.outcome_id);
    return outcome ? [{ post_id: c.post_id, id: outcome.id, title: outcome.title }] : [];
  });
  for (const row of rows) {
    map.set(row.post_id, [...(map.get(row.post_id) ?? []), { id: row.id, title: row.title }]);
  }
  return map;
}
