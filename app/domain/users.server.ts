/** Accounts: registration, staff creation and credential checks. */
import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";
import { hashPassword, verifyPassword } from "../passwords.server";
import { InvalidInputError } from "./errors";

/** Unique-violation code in PostgreSQL. */
const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    error.code === UNIQUE_VIOLATION
  );
}

export interface NewAccount {
  email: string;
  displayName: string;
  password: string;
  role?: Role;
  team?: string | null;
}

/** Creates an account with any role; residents come through `registerResident`. */
export async function createUser(db: Kysely<Database>, account: NewAccount): Promise<number> {
  const email = account.email.trim().toLowerCase();
  if (account.password.length < 8 || account.password.length > 64) {
    throw new InvalidInputError("Passwords are 8 to 64 characters.", {
      password: "Your password must be 8 to 64 characters",
    });
  }
  const passwordHash = await hashPassword(account.password);
  try {
    const row = await db
      .insertInto("users")
      .values({
        email,
        display_name: account.displayName.trim(),
        password_hash: passwordHash,
        role: account.role ?? "resident",
        team: account.team ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new InvalidInputError("An account with this email address already exists.", {
        email:
          "An account with this email address already exists. Sign in instead, or use another address.",
      });
    }
    throw error;
  }
}

/** Registers a resident; the role is never taken from the form. */
export function registerResident(
  db: Kysely<Database>,
  input: { email: string; displayName: string; password: string },
): Promise<number> {
  return createUser(db, { ...input, role: "resident" });
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
