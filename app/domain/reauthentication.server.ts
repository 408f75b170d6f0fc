/**
 * Asking for the password again before a sensitive change (ASVS 7.5.1): changing the
 * email or password, deleting the account. The refusal names the form's own field.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { verifyPassword } from "../passwords.server";
import { InvalidInputError } from "./errors";

const REFUSALS = {
  currentPassword: "Your current password is not right",
  password: "Your password is not right",
} as const;

/** The account's email when `password` is its password; otherwise a field error on `field`. */
export async function confirmPassword(
  db: Kysely<Database>,
  input: { userId: number; password: string; field: keyof typeof REFUSALS },
): Promise<{ email: string }> {
  const user = await db
    .selectFrom("users")
    .select(["email", "password_hash"])
    .where("id", "=", input.userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, input.password))) {
    const refusal = REFUSALS[input.field];
    throw new InvalidInputError(`${refusal}.`, { [input.field]: refusal });
  }
  return { email: user.email };
}
