/**
 * "Don't ask for a code on this browser for N days": after a second factor was given,
 * the browser may keep a random token (only its hash is stored) that stands for it at
 * the next sign-in with the password. Resetting or removing an account's factors, or the
 * admin setting the days to 0, ends every remembered browser.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A token for this browser, remembered for `days` days. */
export async function rememberBrowser(
  db: Kysely<Database>,
  userId: number,
  days: number,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("remembered_browsers")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      expires_at: new Date(now.getTime() + days * 86_400_000),
    })
    .execute();
  return token;
}

/** Whether the token is a live remembered browser of this account (the setting allowing). */
export async function isBrowserRemembered(
  db: Kysely<Database>,
  userId: number,
  token: string | null,
  now: Date,
): Promise<boolean> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const row = await db
    .selectFrom("remembered_browsers")
    .innerJoin("sign_in_settings", (join) => join.onTrue())
    .select("remembered_browsers.created_at")
    .where("token_hash", "=", hashToken(token))
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .where("sign_in_settings.remember_browser_days", ">", 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** Expired tokens, gone (the worker's tick). */
export async function forgetExpiredBrowsers(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom("remembered_browsers").where("expires_at", "<=", now).execute();
}

/** Every browser this account asked to be remembered on will ask for a code again. */
export async function forgetRememberedBrowsers(
  db: Kysely<Database>,
  userId: number,
): Promise<number> {
  const result = await db
    .deleteFrom("remembered_browsers")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countRememberedBrowsers(
  db: Kysely<Database>,
  userId: number,
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom("remembered_browsers")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
