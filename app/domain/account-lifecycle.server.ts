/**
 * The account lifecycle after registration: confirming the email address, resetting a
 * forgotten password, changing password or email, and signing out everywhere. Mail is
 * never sent from here: each step queues an outbox event and the worker mails after
 * commit (it also makes the token, so a token never sits in the outbox in clear).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { endSessionsOf } from "../auth.server";
import { enqueueEvent } from "../jobs/outbox.server";
import { passwordProblem } from "../password-policy.server";
import { hashPassword } from "../passwords.server";
import { consumeAccountToken } from "./account-tokens.server";
import { InvalidInputError } from "./errors";
import { confirmPassword } from "./reauthentication.server";
import { isUniqueViolation } from "./unique-violation";
import { runTransaction } from "../../db/transaction";
import { accountIdForEmail } from "./users.server";

/** Queues a (new) confirmation email, unless the address is already confirmed. */
export async function requestEmailVerification(
  db: Kysely<Database>,
  userId: number,
): Promise<boolean> {
  return runTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select("email_verified_at")
      .where("id", "=", userId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!user || user.email_verified_at) return false;
    await enqueueEvent(trx, "account.verify_email", { userId });
    return true;
  });
}

export async function verifyEmail(db: Kysely<Database>, token: string, now: Date): Promise<number> {
  return runTransaction(db, async (trx) => {
    const { userId } = await consumeAccountToken(trx, token, "verify_email", now);
    await trx
      .updateTable("users")
      .set({ email_verified_at: now })
      .where("id", "=", userId)
      .where("email_verified_at", "is", null)
      .execute();
    return userId;
  });
}

/**
 * Queues a reset email when the address belongs to a live account, and does nothing
 * otherwise; the caller says the same either way, so the form reveals no accounts.
 */
export async function requestPasswordReset(db: Kysely<Database>, email: string): Promise<void> {
  await runTransaction(db, async (trx) => {
    const userId = await accountIdForEmail(trx, email);
    if (userId) await enqueueEvent(trx, "account.reset_password", { userId });
  });
}

function refuseWeakPassword(password: string, email: string, field = "password"): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new InvalidInputError(`${problem}.`, { [field]: problem });
}

/**
 * Sets a new password from a reset link and ends every session of the account: whoever
 * had the old password is out. Following the link proves control of the address, so
 * it also confirms it.
 */
export async function resetPassword(
  db: Kysely<Database>,
  input: { token: string; password: string },
  now: Date,
): Promise<{ userId: number; email: string }> {
  return runTransaction(db, async (trx) => {
    const { userId } = await consumeAccountToken(trx, input.token, "reset_password", now);
    const user = await trx
      .selectFrom("users")
      .select("email")
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    refuseWeakPassword(input.password, user.email);
    await trx
      .updateTable("users")
      .set({
        password_hash: await hashPassword(input.password),
        email_verified_at: (eb) => eb.fn.coalesce("email_verified_at", eb.val(now)),
      })
      .where("id", "=", userId)
      .execute();
    await endSessionsOf(trx, userId);
    await enqueueEvent(trx, "account.changed", { userId, change: "password", address: user.email });
    return { userId, email: user.email };
  });
}

/** Changes the password (after checking the current one) and signs out every other session. */
export async function changePassword(
  db: Kysely<Database>,
  input: { userId: number; currentPassword: string; newPassword: string; sessionId: string | null },
): Promise<void> {
  const { email } = await confirmPassword(db, {
    userId: input.userId,
    password: input.currentPassword,
    field: "currentPassword",
  });
  refuseWeakPassword(input.newPassword, email, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await runTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash })
      .where("id", "=", input.userId)
      .execute();
    await endSessionsOf(trx, input.userId, { except: input.sessionId });
    await enqueueEvent(trx, "account.changed", {
      userId: input.userId,
      change: "password",
      address: email,
    });
  });
}

/** Sends a confirmation link to the new address; nothing changes until it is followed. */
export async function requestEmailChange(
  db: Kysely<Database>,
  input: { userId: number; currentPassword: string; newEmail: string },
): Promise<void> {
  const { email } = await confirmPassword(db, {
    userId: input.userId,
    password: input.currentPassword,
    field: "currentPassword",
  });
  const newEmail = input.newEmail.trim().toLowerCase();
  if (newEmail === email) {
    throw new InvalidInputError("That is already your email address.", {
      newEmail: "That is already your email address",
    });
  }
  await runTransaction(db, async (trx) => {
    await enqueueEvent(trx, "account.change_email", { userId: input.userId, newEmail });
  });
}

/**
 * Switches to the confirmed new address and ends every other session. If someone else
 * registered the address meanwhile, the change is refused rather than merging accounts.
 */
export async function confirmEmailChange(
  db: Kysely<Database>,
  input: { token: string; sessionId: string | null },
  now: Date,
): Promise<number> {
  try {
    return await runTransaction(db, async (trx) => {
      const { userId, newEmail } = await consumeAccountToken(trx, input.token, "change_email", now);
      if (!newEmail) throw new InvalidInputError("This link is not for an email change.");
      const before = await trx
        .selectFrom("users")
        .select("email")
        .where("id", "=", userId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("users")
        .set({ email: newEmail, email_verified_at: now })
        .where("id", "=", userId)
        .execute();
      await endSessionsOf(trx, userId, { except: input.sessionId });
      await enqueueEvent(trx, "account.changed", {
        userId,
        change: "email",
        address: before.email,
      });
      return userId;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new InvalidInputError(
        "Another account now uses that email address, so it cannot be moved to yours.",
      );
    }
    throw error;
  }
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhere(db: Kysely<Database>, userId: number): Promise<number> {
  return endSessionsOf(db, userId);
}
