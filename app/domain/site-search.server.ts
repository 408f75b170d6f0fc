/**
 * Searching everything public: Meilisearch when it answers (typo tolerant, faceted),
 * otherwise PostgreSQL full-text search in a limited mode that says so. Either way the
 * caller gets the same shape, and the rest of the site never waits on search.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Logger } from "../log.server";
import type { SearchHit, SearchQuery, SearchResults, SearchService } from "../search.server";
import { issuePhase, type IssueWindowFacts } from "./policy";
import { searchWithPostgres } from "./search-fallback.server";

export interface SiteSearch {
  results: SearchResults;
  /** "limited" when Meilisearch was unreachable and PostgreSQL answered. */
  mode: "full" | "limited";
  /** The limited mode gave up on a query too broad to answer quickly. */
  timedOut: boolean;
  /** Each issue hit's consultation window as it is now, by hit id. */
  issueWindows: Record<string, IssueWindowFacts>;
}

const EMPTY: SearchResults = {
  hits: [],
  total: 0,
  page: 1,
  totalPages: 1,
  facets: { type: {}, areaSlug: {}, categorySlug: {}, issueStatus: {} },
};

function isStatementTimeout(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "57014";
}

/**
 * The windows of the issues among the hits, read live: a document's phase was right when
 * it was indexed, but the clock (and an officer closing early) moves it on since.
 */
async function loadIssueWindows(
  db: Kysely<Database>,
  hits: readonly SearchHit[],
  now: Date,
): Promise<Record<string, IssueWindowFacts>> {
  const ids = hits
    .filter((hit) => hit.type === "issue")
    .map((hit) => Number(hit.id.slice("issue-".length)))
    .filter(Number.isSafeInteger);
  if (ids.length === 0) return {};
  const rows = await db
    .selectFrom("issues")
    .select(["id", "status", "opens_at", "closes_at", "closed_early_at"])
    .where("id", "in", ids)
    .execute();
  return Object.fromEntries(
    rows.map((row) => [
      `issue-${row.id}`,
      {
        phase: issuePhase(row, now),
        opensAt: row.opens_at,
        closesAt: row.closes_at,
        closedEarlyAt: row.closed_early_at,
      },
    ]),
  );
}

async function findResults(
  services: { db: Kysely<Database>; search: SearchService | null; log: Logger },
  query: SearchQuery,
  now: Date,
): Promise<Omit<SiteSearch, "issueWindows">> {
  if (services.search) {
    try {
      return { results: await services.search.search(query), mode: "full", timedOut: false };
    } catch (error) {
      services.log.warn({ err: error }, "Meilisearch did not answer; searching in limited mode");
    }
  }
  try {
    const results = await searchWithPostgres(services.db, query, now);
    return { results, mode: "limited", timedOut: false };
  } catch (error) {
    if (!isStatementTimeout(error)) throw error;
    return { results: EMPTY, mode: "limited", timedOut: true };
  }
}

export async function searchSite(
  services: { db: Kysely<Database>; search: SearchService | null; log: Logger },
  query: SearchQuery,
  now: Date,
): Promise<SiteSearch> {
  const found = await findResults(services, query, now);
  return {
    ...found,
    issueWindows: await loadIssueWindows(services.db, found.results.hits, now),
  };
}
