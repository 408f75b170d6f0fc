/** What the "Your account" page shows its owner. */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export async function describeAccount(db: Kysely<Database>, userId: number) {
  const user = await db
    .selectFrom("users")
    .leftJoin("totp_credentials", "totp_credentials.user_id", "users.id")
    .select([
      "display_name",
      "email",
      "email_verified_at",
      "users.created_at",
      "totp_credentials.user_id as authenticator",
    ])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    displayName: user.display_name,
    email: user.email,
    emailConfirmed: user.email_verified_at !== null,
    createdAt: user.created_at,
    authenticator: user.authenticator !== null,
  };
}
