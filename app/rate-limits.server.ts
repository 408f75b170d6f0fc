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

export type LimitAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimit {
  /** Counts one request for `key`; says how long to wait when the limit is spent. */
  take(key: string): Promise<LimitAnswer>;
  /** Whether `key` has spent its limit, without counting anything (for failure-only limits). */
  check(key: string): Promise<LimitAnswer>;
  /** Forgets `key`'s count, e.g. after a successful sign-in. */
  reset(key: string): Promise<void>;
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
    async check(key) {
      const state = await store.get(key);
      if (!state || state.consumedPoints < options.points) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.ceil(state.msBeforeNext / 1000) || 1 };
    },
    async reset(key) {
      await store.delete(key);
    },
  };
}

/** What a person may do how often: normal accounts, and accounts in their first day. */
export const CONTRIBUTION_LIMITS = {
  post: { perHour: 60, firstDayPerHour: 10 },
  flag: { perHour: 30, firstDayPerHour: 5 },
  support: { perHour: 120, firstDayPerHour: 20 },
  edit: { perHour: 60, firstDayPerHour: 10 },
} as const;
export type ContributionKind = keyof typeof CONTRIBUTION_LIMITS;

export interface RateLimits {
  /** Searches per IP address: generous for people, a wall for scrapers. */
  search: RateLimit;
  /** Public JSON API and open-data requests per IP address. */
  api: RateLimit;
  /** Sign-in attempts per email address, whether or not an account has it (no enumeration). */
  signInPerAccount: RateLimit;
  /** Failed sign-ins from a browser that has signed in to the account before (device cookie). */
  signInPerDevice: RateLimit;
  /** Sign-in attempts per IP address: password spraying across many accounts. */
  signInPerIp: RateLimit;
  /** Wrong second-factor codes per account: six digits must not be guessable in a session. */
  secondFactorPerAccount: RateLimit;
  registerPerIp: RateLimit;
  /** Reset emails per IP and per address: nobody's inbox can be flooded through us. */
  passwordResetPerIp: RateLimit;
  passwordResetPerAccount: RateLimit;
  /**
   * Confirmation emails (a new address, or "send it again"): per account and per
   * destination address, so no one can make Parley mail an inbox over and over.
   */
  confirmationMailPerAccount: RateLimit;
  confirmationMailPerAddress: RateLimit;
  /** Posts, flags, supports and edits per person; `firstDay` is tighter for new accounts. */
  contribution: Record<ContributionKind, { normal: RateLimit; firstDay: RateLimit }>;
}

export function createRateLimits(
  db: Kysely<Database>,
  options: {
    searchesPerMinute: number;
    apiRequestsPerMinute?: number;
    registrationsPerIpHour?: number;
    signInsPerIp?: number;
  },
): RateLimits {
  const hourly = (name: string, points: number) => limiter(db, { name, points, perSeconds: 3_600 });
  const contribution = (kind: ContributionKind) => ({
    normal: hourly(`${kind}`, CONTRIBUTION_LIMITS[kind].perHour),
    firstDay: hourly(`${kind}-first-day`, CONTRIBUTION_LIMITS[kind].firstDayPerHour),
  });
  return {
    search: limiter(db, { name: "search", points: options.searchesPerMinute, perSeconds: 60 }),
    api: limiter(db, { name: "api", points: options.apiRequestsPerMinute ?? 120, perSeconds: 60 }),
    signInPerAccount: limiter(db, { name: "sign-in-account", points: 10, perSeconds: 15 * 60 }),
    signInPerDevice: limiter(db, { name: "sign-in-device", points: 10, perSeconds: 15 * 60 }),
    signInPerIp: limiter(db, {
      name: "sign-in-ip",
      points: options.signInsPerIp ?? 100,
      perSeconds: 15 * 60,
    }),
    secondFactorPerAccount: limiter(db, { name: "second-factor", points: 5, perSeconds: 15 * 60 }),
    registerPerIp: hourly("register-ip", options.registrationsPerIpHour ?? 10),
    passwordResetPerIp: hourly("reset-ip", 10),
    passwordResetPerAccount: hourly("reset-account", 3),
    confirmationMailPerAccount: hourly("confirmation-mail-account", 3),
    confirmationMailPerAddress: hourly("confirmation-mail-address", 3),
    contribution: {
      post: contribution("post"),
      flag: contribution("flag"),
      support: contribution("support"),
      edit: contribution("edit"),
    },
  };
}
