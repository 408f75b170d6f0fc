/**
 * One-click unsubscribe links: "<user>.<kind>.<HMAC>" signed with the site secret, so a
 * link works without signing in and cannot be forged for someone else.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

function signature(secret: string, userId: number, kind: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${userId}:${kind}`).digest("base64url");
}

export function signUnsubscribeToken(secret: string, userId: number, kind: string): string {
  return `${userId}.${kind}.${signature(secret, userId, kind)}`;
}

/** The user and kind a token was made for, or null when it is malformed or forged. */
export function readUnsubscribeToken(
  secret: string,
  token: string,
): { userId: number; kind: string } | null {
  const match = /^([1-9][0-9]{0,9})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  const kind = match[2]!;
  const expected = Buffer.from(signature(secret, userId, kind));
  const given = Buffer.from(match[3]!);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { userId, kind }
    : null;
}
