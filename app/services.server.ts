/**
 * Everything a request needs from the outside world, built once per process by the
 * server and handed to loaders and actions through Remix's load context.
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { DatabaseKind } from "../db/connect";
import { createAuth, type Auth, type Viewer } from "./auth.server";
import type { AppConfig } from "./config.server";
import type { Logger } from "./log.server";
import { createRateLimits, type RateLimits } from "./rate-limits.server";
import type { SearchService } from "./search.server";

export interface AppServices {
  config: AppConfig;
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  /** Null when no Meilisearch could be started or configured. */
  search: SearchService | null;
  auth: Auth;
  rateLimits: RateLimits;
  log: Logger;
}

export function createAppServices(parts: Omit<AppServices, "auth" | "rateLimits">): AppServices {
  return {
    ...parts,
    auth: createAuth(parts.db, { production: parts.config.production }),
    rateLimits: createRateLimits(parts.db, { searchesPerMinute: parts.config.searchesPerMinute }),
  };
}

/** Per-request context: the services plus who is asking. */
export interface RequestContext {
  services: AppServices;
  viewer: Viewer | null;
  sessionId: string | null;
  requestId: string;
  /** The address the request came from: the key for per-IP rate limits. */
  clientIp: string;
}
