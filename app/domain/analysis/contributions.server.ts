/**
 * An issue's contributions as the analysis workspace sees them: one query, filtered by
 * theme, "not yet coded", thread kind, the author's area, dates, supports and free text,
 * that the list, bulk coding, suggestions, summaries and exports all share, so they can
 * never disagree about which contributions a filter means.
 */
import { createHmac } from "node:crypto";
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Database, PostStatus, ThreadKind } from "../../../db/schema";
import type { SearchService } from "../../search.server";
import type { Logger } from "../../log.server";
import { NotFoundError, ForbiddenError } from "../errors";
import { openingPostIdOf } from "../opening-post.server";
import { contributionAnalysed, isWithheldContribution, mayAnalyse, type Subject } from "../policy";

export interface ContributionFilters {
  /** A theme's id, "uncoded" for contributions with no theme yet, or null for all. */
  theme: number | "uncoded" | null;
  kind: ThreadKind | null;
  areaId: number | null;
  from: Date | null;
  /** Inclusive: contributions up to the end of this day. */
  to: Date | null;
  minSupports: number | null;
  q: string;
  includeWithheld: boolean;
}

export const NO_FILTERS: ContributionFilters = {
  theme: null,
  kind: null,
  areaId: null,
  from: null,
  to: null,
  minSupports: null,
  q: "",
  includeWithheld: false,
};

export interface AnalysedIssue {
  id: number;
  slug: string;
  title: string;
}

/** The issue, for someone who may analyse it; 403 for anyone else. */
export async function findAnalysedIssue(
  db: Kysely<Database>,
  viewer: Subject,
  slug: string,
): Promise<AnalysedIssue> {
  if (!mayAnalyse(viewer))
    throw new ForbiddenError("Only council officers can analyse a consultation.");
  const issue = await db
    .selectFrom("issues")
    .select(["id", "slug", "title"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!issue) throw new NotFoundError("We couldn't find that issue.");
  return issue;
}

/**
 * A respondent's label in this issue's analysis and exports: the same person always gets
 * the same label within an issue, and labels cannot be linked across issues or back to
 * an account without the site's secret.
 */
export function respondentLabel(secret: string, issueId: number, userId: number): string {
  const digest = createHmac("sha256", secret).update(`respondent:${issueId}:${userId}`).digest();
  return `R-${digest.toString("hex").slice(0, 6).toUpperCase()}`;
}

/** Most free-text matches taken from search: more than any officer reads in one filter. */
const MAX_TEXT_MATCHES = 1_000;

/**
 * Post ids of the issue matching the free text: Meilisearch (public posts), else
 * PostgreSQL's full-text search; withheld posts, which are never indexed, always from
 * PostgreSQL when the officer asked to see them.
 */
export async function matchText(
  services: { db: Kysely<Database>; search: SearchService | null; log: Logger },
  issueId: number,
  q: string,
  includeWithheld: boolean,
): Promise<{ ids: number[]; limited: boolean }> {
  let fromSearch: number[] | null = null;
  if (services.search) {
    try {
      const hits = await services.search.matchInIssue(q, issueId, MAX_TEXT_MATCHES);
      const postIds = hits.filter((id) => id.startsWith("post-")).map((id) => Number(id.slice(5)));
      const threadIds = hits
        .filter((id) => id.startsWith("thread-"))
        .map((id) => Number(id.slice(7)));
      const openings = threadIds.length
        ? await services.db
            .selectFrom("threads")
            .select(openingPostIdOf("threads.id").as("id"))
            .where("threads.id", "in", threadIds)
            .execute()
        : [];
      fromSearch = [...postIds, ...openings.flatMap((row) => (row.id === null ? [] : [row.id]))];
    } catch (error) {
      services.log.warn({ err: error }, "Meilisearch did not answer; matching text in PostgreSQL");
    }
  }
  if (fromSearch !== null && !includeWithheld) return { ids: fromSearch, limited: false };
  const tsquery = sql`websearch_to_tsquery('english', ${q})`;
  const rows = await services.db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select("posts.id")
    .where("threads.issue_id", "=", issueId)
    .where(contributionAnalysed(true).where)
    .where(sql<boolean>`to_tsvector('english', posts.body_md) @@ ${tsquery}`)
    .limit(MAX_TEXT_MATCHES)
    .execute();
  const fromPostgres = rows.map((row) => row.id);
  if (fromSearch === null) return { ids: fromPostgres, limited: true };
  return { ids: [...new Set([...fromSearch, ...fromPostgres])], limited: false };
}

/**
 * The issue's contributions under the filters, as a query with posts, threads, issues and
 * users joined (and the author's area left-joined). `textMatches` is the free-text
 * filter's result, or null when there is no free text.
 */
export function filteredContributions(
  db: Kysely<Database>,
  issueId: number,
  filters: ContributionFilters,
  textMatches: number[] | null,
) {
  let query = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .leftJoin("areas", "areas.id", "users.home_area_id")
    .where("threads.issue_id", "=", issueId)
    .where(contributionAnalysed(filters.includeWithheld).where);
  if (filters.theme === "uncoded") {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("analysis_codes")
            .innerJoin("analysis_themes", "analysis_themes.id", "analysis_codes.theme_id")
            .select("analysis_codes.post_id")
            .whereRef("analysis_codes.post_id", "=", "posts.id")
            .where("analysis_themes.merged_into_id", "is", null),
        ),
      ),
    );
  } else if (filters.theme !== null) {
    const themeId = filters.theme;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("analysis_codes")
          .select("analysis_codes.post_id")
          .whereRef("analysis_codes.post_id", "=", "posts.id")
          .where("analysis_codes.theme_id", "=", themeId),
      ),
    );
  }
  if (filters.kind) query = query.where("threads.kind", "=", filters.kind);
  if (filters.areaId !== null) query = query.where("users.home_area_id", "=", filters.areaId);
  if (filters.from) query = query.where("posts.created_at", ">=", filters.from);
  if (filters.to) {
    const end = new Date(filters.to.getTime() + 24 * 60 * 60 * 1000);
    query = query.where("posts.created_at", "<", end);
  }
  if (filters.minSupports !== null && filters.minSupports > 0) {
    query = query
      .where("threads.support_count", ">=", filters.minSupports)
      .where((eb) => eb("posts.id", "=", openingPostIdOf("threads.id")));
  }
  if (textMatches !== null) {
    query = query.where("posts.id", "in", textMatches.length ? textMatches : [-1]);
  }
  return query;
}

export type ContributionQuery = ReturnType<typeof filteredContributions>;

/** The columns every reader of contributions needs. */
export function selectContribution<Q extends ContributionQuery>(query: Q) {
  return query.select([
    "posts.id as postId",
    "posts.body_md as bodyMd",
    "posts.body_html as bodyHtml",
    "posts.created_at as createdAt",
    "posts.status as postStatus",
    "posts.author_id as authorId",
    "posts.is_staff as postIsStaff",
    "threads.id as threadId",
    "threads.title as threadTitle",
    "threads.kind as kind",
    "threads.status as threadStatus",
    "threads.author_id as threadAuthorId",
    "threads.support_count as threadSupports",
    "issues.status as issueStatus",
    "areas.name as areaName",
    openingPostIdOf("threads.id").as("openingId"),
  ]);
}

type SelectedContribution = Awaited<
  ReturnType<ReturnType<typeof selectContribution>["execute"]>
>[number];

export interface ContributionFacts {
  postId: number;
  threadId: number;
  threadTitle: string;
  kind: ThreadKind;
  opening: boolean;
  bodyMd: string;
  bodyHtml: string;
  createdAt: Date;
  authorId: number;
  respondent: string;
  areaName: string | null;
  /** Supports of the idea, counted on its opening post only. */
  supports: number;
  withheld: boolean;
  status: PostStatus;
}

export function describeContribution(
  row: SelectedContribution,
  secret: string,
  issueId: number,
): ContributionFacts {
  const opening = row.openingId === row.postId;
  return {
    postId: row.postId,
    threadId: row.threadId,
    threadTitle: row.threadTitle,
    kind: row.kind,
    opening,
    bodyMd: row.bodyMd,
    bodyHtml: row.bodyHtml,
    createdAt: row.createdAt,
    authorId: row.authorId,
    respondent: respondentLabel(secret, issueId, row.authorId),
    areaName: row.areaName,
    supports: opening ? row.threadSupports : 0,
    withheld: isWithheldContribution({ ...row, postAuthorId: row.authorId }),
    status: row.postStatus,
  };
}

/** Orders contributions oldest first (ties by id), the order every reader uses. */
export function inOrder<Q extends SelectQueryBuilder<Database, "posts", object>>(query: Q): Q {
  return query.orderBy("posts.created_at").orderBy("posts.id") as Q;
}

export interface CodingOf {
  codes: { themeId: number; fromSuggestion: boolean }[];
  evidenceRich: boolean;
}

/** The live themes each of these contributions is coded to, and its evidence-rich mark. */
export async function readCoding(
  db: Kysely<Database>,
  postIds: number[],
): Promise<Map<number, CodingOf>> {
  const coding = new Map<number, CodingOf>(
    postIds.map((id) => [id, { codes: [], evidenceRich: false }]),
  );
  if (postIds.length === 0) return coding;
  const [codes, marks] = await Promise.all([
    db
      .selectFrom("analysis_codes")
      .innerJoin("analysis_themes", "analysis_themes.id", "analysis_codes.theme_id")
      .select([
        "analysis_codes.post_id",
        "analysis_codes.theme_id",
        "analysis_codes.from_suggestion",
      ])
      .where("analysis_codes.post_id", "in", postIds)
      .where("analysis_themes.merged_into_id", "is", null)
      .orderBy("analysis_codes.theme_id")
      .execute(),
    db
      .selectFrom("analysis_marks")
      .select("post_id")
      .where("post_id", "in", postIds)
      .where("evidence_rich", "=", true)
      .execute(),
  ]);
  for (const code of codes)
    coding
      .get(code.post_id)
      ?.codes.push({ themeId: code.theme_id, fromSuggestion: code.from_suggestion });
  for (const mark of marks) {
    const of = coding.get(mark.post_id);
    if (of) of.evidenceRich = true;
  }
  return coding;
}
