/**
 * The only user of the meilisearch client. For now it reports whether search is
 * reachable; indexing and querying arrive with the search issue.
 */
import { Meilisearch } from "meilisearch";

export type SearchState = "ok" | "unreachable" | "disabled";

export interface SearchService {
  /** Where search runs, for logs and /healthz. */
  readonly host: string;
  /** Asks Meilisearch for its health, with a short timeout so /healthz stays quick. */
  checkHealth(): Promise<SearchState>;
}

export function createSearchService(options: { url: string; apiKey?: string }): SearchService {
  const client = new Meilisearch({
    host: options.url,
    apiKey: options.apiKey,
    timeout: 2_000,
  });
  return {
    host: options.url,
    async checkHealth() {
      try {
        const health = await client.health();
        return health.status === "available" ? "ok" : "unreachable";
      } catch {
        return "unreachable";
      }
    },
  };
}
