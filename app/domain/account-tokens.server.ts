/**
 * Single-use account tokens (email confirmation, password reset, email change). The
 * token is 32 random bytes that only ever travel in an email; the database keeps its
 * SHA-256, so a leaked table resets nobody's password (ASVS 6.3).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { AccountTokenPurpose, Database } from "../../db/schema";
import { InvalidInputError } from "./errors";

export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 3_600_000,
  reset_password: 3_600_000,
  change_email: 24 * 3_600_000,
};

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Makes a token and stores its hash; the caller puts the token in a link. */
export async function issueAccountToken(
  trx: Transaction<Database>,
  input: { userId: number; purpose: AccountTokenPurpose; newEmail?: string | null; now: Date },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await trx
    .insertInto("account_tokens")
    .values({
      token_hash: hashToken(token),
      user_id: input.userId,
      purpose: input.purpose,
      new_email: input.newEmail ?? null,
      expires_at: new Date(input.now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
    })
    .execute();
  return token;
}

const EXPIRED_LINK = "This link has expired or has already been used. Ask for a new one below.";

/** Uses a token up (locking it, so a double submit can't use it twice) and says whose it was. */
export async function consumeAccountToken(
  trx: Transaction<Database>,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<{ userId: number; newEmail: string | null }> {
  const row = await trx
    .selectFrom("account_tokens")
    .innerJoin("users", "users.id", "account_tokens.user_id")
    .select(["account_tokens.token_hash", "account_tokens.user_id", "account_tokens.new_email"])
    .where("account_tokens.token_hash", "=", hashToken(token))
    .where("account_tokens.purpose", "=", purpose)
    .where("account_tokens.used_at", "is", null)
    .where("account_tokens.expires_at", ">", now)
    .where("users.deleted_at", "is", null)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new InvalidInputError(EXPIRED_LINK);
  // Using one token spends every other of its kind: an older reset link dies with it.
  await trx
    .updateTable("account_tokens")
    .set({ used_at: now })
    .where("user_id", "=", row.user_id)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
  return { userId: row.user_id, newEmail: row.new_email };
}

/** Whether a token is still good, without using it: to show the form or the "expired" page. */
export async function isAccountTokenUsable(
  db: Kysely<Database>,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom("account_tokens")
    .select("token_hash")
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row !== undefined;
}
