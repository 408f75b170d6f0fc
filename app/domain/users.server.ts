/** Accounts: registration, staff creation and credential checks. */
import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";
import { enqueueEvent } from "../jobs/outbox.server";
import { passwordProblem } from "../password-policy.server";
import { hashPassword, verifyPassword } from "../passwords.server";
import { InvalidInputError } from "./errors";
import { isUniqueViolation } from "./unique-violation";
import { runTransaction } from "../../db/transaction";

export interface NewAccount {
  email: string;
  displayName: string;
  password: string;
  role?: Role;
  team?: string | null;
}

/** An account already has this address (staff tools say so; registration does not). */
export class AddressTakenError extends InvalidInputError {
  constructor() {
    super("An account with this email address already exists.", {
      email: "An account with this email address already exists. Use another address.",
    });
  }
}

/**
 * Creates an account with any role, its address already confirmed: staff accounts are
 * made by an administrator. Residents come through `registerResident`.
 */
export async function createUser(db: Kysely<Database>, account: NewAccount): Promise<number> {
  return insertAccount(db, account, { confirmed: true });
}

async function insertAccount(
  db: Kysely<Database>,
  account: NewAccount,
  options: { confirmed: boolean },
): Promise<number> {
  const email = account.email.trim().toLowerCase();
  const problem = passwordProblem(account.password, email);
  if (problem) throw new InvalidInputError(`${problem}.`, { password: problem });
  const passwordHash = await hashPassword(account.password);
  try {
    return await runTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("users")
        .values({
          email,
          display_name: account.displayName.trim(),
          password_hash: passwordHash,
          role: account.role ?? "resident",
          team: account.team ?? null,
          email_verified_at: options.confirmed ? new Date() : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (!options.confirmed) await enqueueEvent(trx, "account.verify_email", { userId: row.id });
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AddressTakenError();
    throw error;
  }
}

/**
 * Registers a resident and queues the email that confirms their address; the role is
 * never taken from the form. An address that already has an account gets no new one and
 * no refusal either: its holder is mailed instead, and the caller answers exactly as for
 * a new account, so registration never tells a stranger whether an address is known.
 * (The password is hashed either way, so the time taken does not tell either.)
 */
export async function registerResident(
  db: Kysely<Database>,
  input: { email: string; displayName: string; password: string },
): Promise<{ created: true; userId: number } | { created: false }> {
  try {
    const userId = await insertAccount(db, { ...input, role: "resident" }, { confirmed: false });
    return { created: true, userId };
  } catch (error) {
    if (!(error instanceof AddressTakenError)) throw error;
    await runTransaction(db, async (trx) => {
      const holder = await accountIdForEmail(trx, input.email);
      if (holder) await enqueueEvent(trx, "account.registration_attempted", { userId: holder });
    });
    return { created: false };
  }
}

/** The live account with this address, if any: for checks that must not be told apart. */
export async function accountIdForEmail(
  db: Kysely<Database>,
  email: string,
): Promise<number | null> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email.trim().toLowerCase())
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Returns the user id when the email and password match a live account, else null.
 * An unknown email costs the same argon2 verification as a wrong password, so
 * neither the answer nor its timing tells whether the account exists.
 */
export async function verifyCredentials(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<number | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where("email", "=", email.trim().toLowerCase())
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  const matches = await verifyPassword(user?.password_hash ?? null, password);
  return matches && user ? user.id : null;
}
