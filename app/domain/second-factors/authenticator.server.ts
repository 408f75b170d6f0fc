/**
 * Authenticator apps (TOTP) and the recovery codes that stand in for a lost one.
 *
 * Enrolment writes nothing until it is confirmed: the new key travels in the form,
 * sealed for this account, and is stored only when a code made from it is typed back.
 * Every change queues a mail to the account holder (the outbox sends it after commit).
 */
import type { Kysely, Transaction } from "kysely";
import QRCode from "qrcode";
import type { Database, SecondFactorMethod } from "../../../db/schema";
import { runTransaction } from "../../../db/transaction";
import { enqueueEvent } from "../../jobs/outbox.server";
import { InvalidInputError } from "../errors";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";
import { openSecret, sealSecret } from "./secret-box";
import { base32Key, matchTotp, newTotpKey, totpKeyUri } from "./totp";

/** What an account holder is told by mail when their sign-in changes. */
export type SecurityChange =
  | "authenticator_added"
  | "authenticator_removed"
  | "recovery_codes_regenerated"
  | "recovery_code_used"
  | "factors_reset"
  | "role_changed"
  | "role_changed_by_provider"
  | "single_sign_on_linked"
  | "passkey_added"
  | "passkey_removed";

/** An enrolment form may be filled in for this long after it was shown. */
const ENROLMENT_MINUTES = 30;

export interface AuthenticatorEnrolment {
  /** The sealed key (and when it was made), sent back with the confirming code. */
  token: string;
  /** The key as text, for apps that cannot scan. */
  keyText: string;
  /** The QR code of the otpauth:// address, as an SVG data URL. */
  qrCode: string;
}

export interface SecondFactorSummary {
  authenticatorAddedAt: Date | null;
  recoveryCodesLeft: number;
}

const enrolmentContext = (userId: number) => `totp-enrolment:${userId}`;
const storedContext = (userId: number) => `totp:${userId}`;

export async function describeSecondFactors(
  db: Kysely<Database> | Transaction<Database>,
  userId: number,
): Promise<SecondFactorSummary> {
  const [authenticator, codes] = await Promise.all([
    db
      .selectFrom("totp_credentials")
      .select("created_at")
      .where("user_id", "=", userId)
      .executeTakeFirst(),
    db
      .selectFrom("recovery_codes")
      .select((eb) => eb.fn.countAll<string>().as("left"))
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    authenticatorAddedAt: authenticator?.created_at ?? null,
    recoveryCodesLeft: Number(codes.left),
  };
}

/**
 * What the set-up page shows: a new key, or (after a wrong code) the same key again, so
 * the app the person already added it to still matches. Nothing is stored yet. Null when
 * the account already has an authenticator.
 */
export async function showAuthenticatorEnrolment(
  db: Kysely<Database>,
  siteSecret: string,
  userId: number,
  previousToken: string | null,
  now: Date,
): Promise<AuthenticatorEnrolment | null> {
  const account = await db
    .selectFrom("users")
    .leftJoin("totp_credentials", "totp_credentials.user_id", "users.id")
    .select(["users.email", "totp_credentials.user_id as existing"])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
  if (account.existing !== null) return null;
  const previous = previousToken ? readEnrolmentKey(siteSecret, userId, previousToken, now) : null;
  const key = previous ?? newTotpKey();
  const token =
    previous && previousToken
      ? previousToken
      : `${now.getTime().toString(36)}.${sealSecret(siteSecret, enrolmentContext(userId), key)}`;
  const qrSvg = await QRCode.toString(totpKeyUri(key, account.email), {
    type: "svg",
    margin: 2,
    errorCorrectionLevel: "M",
  });
  return {
    token,
    keyText: base32Key(key),
    qrCode: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}`,
  };
}

/** The key an enrolment form carried, if it was made for this account and is recent. */
export function readEnrolmentKey(
  siteSecret: string,
  userId: number,
  token: string,
  now: Date,
): Uint8Array | null {
  const [issued, sealed] = token.split(".", 2);
  const issuedAt = issued ? parseInt(issued, 36) : NaN;
  if (!sealed || !Number.isFinite(issuedAt)) return null;
  const age = now.getTime() - issuedAt;
  if (age < 0 || age > ENROLMENT_MINUTES * 60_000) return null;
  return openSecret(siteSecret, enrolmentContext(userId), sealed);
}

/**
 * Stores the authenticator once a code made from its key is typed back, and issues ten
 * recovery codes, which are returned to be shown once.
 */
export async function confirmAuthenticator(
  db: Kysely<Database>,
  siteSecret: string,
  input: { userId: number; token: string; code: string },
  now: Date,
): Promise<{ recoveryCodes: string[] }> {
  const key = readEnrolmentKey(siteSecret, input.userId, input.token, now);
  if (!key) {
    throw new InvalidInputError("This set-up page has expired.", {
      code: "This set-up page has expired. Start again: your app needs the new key below.",
    });
  }
  const step = matchTotp(key, input.code, now, null);
  if (step === null) {
    throw new InvalidInputError("The code is not right.", {
      code: "The code is not right. Type the 6 digits your app shows now",
    });
  }
  return runTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto("totp_credentials")
      .values({
        user_id: input.userId,
        secret_encrypted: sealSecret(siteSecret, storedContext(input.userId), key),
        last_used_step: step,
      })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!inserted) {
      throw new InvalidInputError("This account already has an authenticator app.", {
        code: "This account already has an authenticator app. Remove it first to use another.",
      });
    }
    const recoveryCodes = await replaceRecoveryCodes(trx, siteSecret, input.userId);
    await noteSecurityChange(trx, input.userId, "authenticator_added");
    return { recoveryCodes };
  });
}

/**
 * Which second factor `typed` is for this account, used up: a current authenticator code
 * (never the same step twice) or an unused recovery code. Null when it is neither.
 */
export async function spendSecondFactor(
  db: Kysely<Database>,
  siteSecret: string,
  userId: number,
  typed: string,
  now: Date,
): Promise<Extract<SecondFactorMethod, "totp" | "recovery_code"> | null> {
  const compact = typed.replace(/\s+/g, "");
  if (/^\d{6}$/.test(compact)) {
    return (await spendAuthenticatorCode(db, siteSecret, userId, compact, now)) ? "totp" : null;
  }
  return (await spendRecoveryCode(db, siteSecret, userId, typed, now)) ? "recovery_code" : null;
}

async function spendAuthenticatorCode(
  db: Kysely<Database>,
  siteSecret: string,
  userId: number,
  code: string,
  now: Date,
): Promise<boolean> {
  return runTransaction(db, async (trx) => {
    // Locked, so two requests with the same code cannot both see the step unused.
    const row = await trx
      .selectFrom("totp_credentials")
      .select(["secret_encrypted", "last_used_step"])
      .where("user_id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return false;
    const key = openSecret(siteSecret, storedContext(userId), row.secret_encrypted);
    if (!key) return false;
    const lastUsed = row.last_used_step === null ? null : Number(row.last_used_step);
    const step = matchTotp(key, code, now, lastUsed);
    if (step === null) return false;
    await trx
      .updateTable("totp_credentials")
      .set({ last_used_step: step })
      .where("user_id", "=", userId)
      .execute();
    return true;
  });
}

async function spendRecoveryCode(
  db: Kysely<Database>,
  siteSecret: string,
  userId: number,
  typed: string,
  now: Date,
): Promise<boolean> {
  if (!/^[a-z0-9]{10}$/.test(normaliseRecoveryCode(typed))) return false;
  return runTransaction(db, async (trx) => {
    // One statement: of two requests with the same code, only one updates the row.
    const used = await trx
      .updateTable("recovery_codes")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hashRecoveryCode(siteSecret, typed))
      .where("used_at", "is", null)
      .returning("user_id")
      .executeTakeFirst();
    if (used) await noteSecurityChange(trx, userId, "recovery_code_used");
    return used !== undefined;
  });
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(
  db: Kysely<Database>,
  siteSecret: string,
  userId: number,
): Promise<string[]> {
  return runTransaction(db, async (trx) => {
    const codes = await replaceRecoveryCodes(trx, siteSecret, userId);
    await noteSecurityChange(trx, userId, "recovery_codes_regenerated");
    return codes;
  });
}

/**
 * Removes the authenticator app, and the recovery codes and remembered browsers with it
 * unless a passkey remains (the codes then back the passkey up).
 */
export async function removeAuthenticator(db: Kysely<Database>, userId: number): Promise<void> {
  await runTransaction(db, async (trx) => {
    await trx.deleteFrom("totp_credentials").where("user_id", "=", userId).execute();
    await forgetBackupsIfNoFactorLeft(trx, userId);
    await noteSecurityChange(trx, userId, "authenticator_removed");
  });
}

/** With no authenticator and no passkey left, recovery codes and remembered browsers go too. */
export async function forgetBackupsIfNoFactorLeft(trx: Transaction<Database>, userId: number) {
  const remaining = await trx
    .selectFrom("users")
    .select((eb) => [
      eb
        .exists(eb.selectFrom("totp_credentials").select("user_id").where("user_id", "=", userId))
        .as("totp"),
      eb.exists(eb.selectFrom("passkeys").select("id").where("user_id", "=", userId)).as("passkey"),
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (remaining?.totp || remaining?.passkey) return;
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await trx.deleteFrom("remembered_browsers").where("user_id", "=", userId).execute();
}

/** Every second factor and remembered browser of an account, gone (in the caller's transaction). */
export async function deleteSecondFactors(trx: Transaction<Database>, userId: number) {
  await trx.deleteFrom("totp_credentials").where("user_id", "=", userId).execute();
  await trx.deleteFrom("passkeys").where("user_id", "=", userId).execute();
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await trx.deleteFrom("remembered_browsers").where("user_id", "=", userId).execute();
}

export async function replaceRecoveryCodes(
  trx: Transaction<Database>,
  siteSecret: string,
  userId: number,
): Promise<string[]> {
  const codes = newRecoveryCodes();
  await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("recovery_codes")
    .values(
      codes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(siteSecret, code) })),
    )
    .execute();
  return codes;
}

/** Queues the mail that tells the account holder their sign-in changed. */
export async function noteSecurityChange(
  trx: Transaction<Database>,
  userId: number,
  change: SecurityChange,
): Promise<void> {
  await enqueueEvent(trx, "account.security_changed", { userId, change });
}
