/**
 * Where someone is signed in: each live session with the browser it started in, when,
 * and when it was last used, so a session they do not recognise can be ended on its own.
 * Sessions are named by their stored hash, which cannot be used as a cookie.
 */
import Bowser from "bowser";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { hashSessionId } from "../auth.server";

export interface AccountSession {
  /** The stored SHA-256 of the session id. */
  key: string;
  device: string;
  startedAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** "Firefox on Windows", or a plain fallback when the browser did not say. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "An unknown browser";
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return "An unknown browser";
  return os.name ? `${browser.name} on ${os.name}` : browser.name;
}

export async function listSessions(
  db: Kysely<Database>,
  userId: number,
  currentSessionId: string | null,
  now: Date,
): Promise<AccountSession[]> {
  const current = currentSessionId ? hashSessionId(currentSessionId) : null;
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "user_agent", "created_at", "last_seen_at"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows
    .map((row) => ({
      key: row.id,
      device: describeDevice(row.user_agent),
      startedAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      current: row.id === current,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the person's own sessions; a key that is not theirs ends nothing. */
export async function endOwnSession(
  db: Kysely<Database>,
  userId: number,
  key: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id", "=", key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
