/**
 * Where a request's time goes, sent back as a `Server-Timing` header (database, search,
 * and the whole time until the headers): browsers' developer tools and the page bench
 * read it. One record per request, carried by AsyncLocalStorage, so the database and
 * search clients can add to it without knowing which request they serve.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { SearchService } from "../search.server";

interface RequestTiming {
  started: bigint;
  databaseMs: number;
  queries: number;
  searchMs: number;
  searches: number;
}

const current = new AsyncLocalStorage<RequestTiming>();

/** Runs the rest of a request's handling with a fresh timing record. */
export function runTimed<T>(handle: () => T): T {
  return current.run(
    { started: process.hrtime.bigint(), databaseMs: 0, queries: 0, searchMs: 0, searches: 0 },
    handle,
  );
}

/** Adds one finished database query (from Kysely's log) to the request's record. */
export function recordDatabaseQuery(ms: number): void {
  const timing = current.getStore();
  if (!timing) return;
  timing.databaseMs += ms;
  timing.queries += 1;
}

/** The same search service, with each search's time added to the request's record. */
export function timedSearchService(service: SearchService): SearchService {
  return {
    ...service,
    async search(query) {
      const started = performance.now();
      try {
        return await service.search(query);
      } finally {
        const timing = current.getStore();
        if (timing) {
          timing.searchMs += performance.now() - started;
          timing.searches += 1;
        }
      }
    },
  };
}

/**
 * The header for the request so far. Database time is the sum over its queries, which
 * may exceed the wall-clock time when queries ran in parallel; `desc` gives the count.
 */
export function serverTimingHeader(): string | null {
  const timing = current.getStore();
  if (!timing) return null;
  const totalMs = Number(process.hrtime.bigint() - timing.started) / 1e6;
  const entries = [
    `db;dur=${timing.databaseMs.toFixed(1)};desc="${timing.queries} ${timing.queries === 1 ? "query" : "queries"}"`,
  ];
  if (timing.searches > 0) entries.push(`search;dur=${timing.searchMs.toFixed(1)}`);
  entries.push(`total;dur=${totalMs.toFixed(1)}`);
  return entries.join(", ");
}
