/**
 * Searching everything public: Meilisearch when it answers (typo tolerant, faceted),
 * otherwise PostgreSQL full-text search in a limited mode that says so. Either way the
 * caller gets the same shape, and the rest of the site never waits on search.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Logger } from "../log.server";
import type { SearchQuery, SearchResults, SearchService } from "../search.server";
import { searchWithPostgres } from "./search-fallback.server";

export interface SiteSearch {
  results: SearchResults;
  /** "limited" when Meilisearch was unreachable and PostgreSQL answered. */
  mode: "full" | "limited";
  /** The limited mode gave up on a query too broad to answer quickly. */
  timedOut: boolean;
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

export async function searchSite(
  services: { db: Kysely<Database>; search: SearchService | null; log: Logger },
  query: SearchQuery,
  now: Date,
): Promise<SiteSearch> {
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
