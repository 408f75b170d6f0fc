/**
 * Rate limits, counted in PostgreSQL so they hold across app processes. The counting is
 * rate-limiter-flexible's (its Postgres store); it reaches the database through our
 * Kysely, so the same code runs on a pg pool and on PGlite.
 */
import { CompiledQuery, type Kysely } from "kysely";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "../db/schema";

/** What the store needs: node-postgres's `query({ text, values })`, served by Kysely. */
function kyselyStoreClient(db: Kysely<Database>) {
  return {
    query: async ({ text, values }: { text: string; values?: unknown[] }) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows, rowCount: result.rows.length };
    },
  };
}

export interface RateLimit {
  /** Counts one request for `key`; says how long to wait when the limit is spent. */
  take(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

function limiter(
  db: Kysely<Database>,
  options: { name: string; points: number; perSeconds: number },
): RateLimit {
  const store = new RateLimiterPostgres({
    storeClient: kyselyStoreClient(db),
    storeType: "client",
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix: options.name,
    points: options.points,
    duration: options.perSeconds,
  });
  return {
    async take(key) {
      try {
        await store.consume(key);
        return { allowed: true };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.ceil(refusal.msBeforeNext / 1000) || 1 };
        }
        throw refusal;
      }
    },
  };
}

export interface RateLimits {
  /** Searches per IP address: generous for people, a wall for scrapers. */
  search: RateLimit;
}

export function createRateLimits(
  db: Kysely<Database>,
  options: { searchesPerMinute: number },
): RateLimits {
  return {
    search: limiter(db, { name: "search", points: options.searchesPerMinute, perSeconds: 60 }),
  };
}
