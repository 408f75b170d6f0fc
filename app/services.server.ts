/**
 * Everything a request needs from the outside world, built once per process by the
 * server and handed to loaders and actions through Remix's load context.
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { DatabaseKind } from "../db/connect";
import { createAuth, type Auth, type PendingSignIn, type Viewer } from "./auth.server";
import type { AppConfig } from "./config.server";
import type { Logger } from "./log.server";
import { createRateLimits, type RateLimits } from "./rate-limits.server";
import { createPageViewCounter, type PageViewCounter } from "./domain/listening/page-views.server";
import type { SearchService } from "./search.server";

export interface AppServices {
  config: AppConfig;
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  /** Null when no Meilisearch could be started or configured. */
  search: SearchService | null;
  auth: Auth;
  rateLimits: RateLimits;
  /** Daily aggregate view counts of issue and thread pages (no personal data). */
  pageViews: PageViewCounter;
  log: Logger;
  /** Signs links that must work without a session (one-click unsubscribe). */
  secret: string;
}

export function createAppServices(
  parts: Omit<AppServices, "auth" | "rateLimits" | "pageViews">,
): AppServices {
  return {
    ...parts,
    pageViews: createPageViewCounter(parts.db, (error) =>
      parts.log.warn({ err: error }, "page view counts not written"),
    ),
    auth: createAuth(parts.db, {
      production: parts.config.production,
      timeouts: {
        idleMs: parts.config.sessionIdleHours * 3_600_000,
        absoluteMs: parts.config.sessionMaxDays * 86_400_000,
      },
    }),
    rateLimits: createRateLimits(parts.db, {
      searchesPerMinute: parts.config.searchesPerMinute,
      apiRequestsPerMinute: parts.config.apiRequestsPerMinute,
      registrationsPerIpHour: parts.config.registrationsPerIpHour,
      signInsPerIp: parts.config.signInsPerIp,
    }),
  };
}

/** Per-request context: the services plus who is asking. */
export interface RequestContext {
  services: AppServices;
  viewer: Viewer | null;
  /** A signed-in password whose second factor is still to come (viewer is then null). */
  pendingSignIn: PendingSignIn | null;
  sessionId: string | null;
  requestId: string;
  /** The address the request came from: the key for per-IP rate limits. */
  clientIp: string;
  /** This response's CSP nonce, put on every inline script Remix renders. */
  cspNonce: string;
}
