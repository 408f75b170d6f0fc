/**
 * Administrators' view of accounts: finding them, seeing how each signs in, changing
 * roles, and resetting a lost second factor for someone else. Each change is audited
 * in the same transaction, and the account holder is mailed (through the outbox).
 */
import { sql, type Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";
import { runTransaction } from "../../db/transaction";
import type { Viewer } from "../auth.server";
import { endSessionsOf } from "../auth.server";
import { can } from "../permissions";
import { recordAction } from "./audit-log.server";
import { ForbiddenError, InvalidInputError, NotFoundError } from "./errors";
import { deleteSecondFactors, noteSecurityChange } from "./second-factors/authenticator.server";

import type { AccountList } from "./account-labels";

const PAGE_SIZE = 50;

export interface AccountRow {
  id: number;
  displayName: string;
  email: string;
  role: Role;
  authenticator: boolean;
  recoveryCodesLeft: number;
  passkeys: number;
  /** The identity provider the account signs in through (its id), if linked to one. */
  singleSignOn: string | null;
  lastSignInAt: Date | null;
  bannedAt: Date | null;
}

function requireAdministrator(actor: Viewer): void {
  if (!can(actor, "manage:users:any")) {
    throw new ForbiddenError("Only administrators manage accounts.");
  }
}

/**
 * Accounts matching a name or address, newest first. "not-enrolled" lists accounts whose
 * role needs a second factor and that have none yet.
 */
/** Accounts with what administrators see of each: role, factors, last sign-in. */
function selectAccountRows(db: Kysely<Database>) {
  return db
    .selectFrom("users")
    .innerJoin("sign_in_settings", (join) => join.onTrue())
    .leftJoin("totp_credentials", "totp_credentials.user_id", "users.id")
    .select((eb) => [
      "users.id",
      "users.display_name",
      "users.email",
      "users.role",
      "users.banned_at",
      "totp_credentials.user_id as authenticator",
      eb
        .selectFrom("recovery_codes")
        .select((inner) => inner.fn.countAll<string>().as("left"))
        .whereRef("recovery_codes.user_id", "=", "users.id")
        .where("recovery_codes.used_at", "is", null)
        .as("recovery_codes_left"),
      eb
        .selectFrom("passkeys")
        .select((inner) => inner.fn.countAll<string>().as("count"))
        .whereRef("passkeys.user_id", "=", "users.id")
        .as("passkeys"),
      eb
        .selectFrom("oidc_identities")
        .select("oidc_identities.provider")
        .whereRef("oidc_identities.user_id", "=", "users.id")
        .orderBy("oidc_identities.created_at")
        .limit(1)
        .as("single_sign_on"),
      eb
        .selectFrom("sessions")
        .select((inner) => inner.fn.max("sessions.created_at").as("last"))
        .whereRef("sessions.user_id", "=", "users.id")
        .as("last_sign_in_at"),
    ])
    .where("users.deleted_at", "is", null);
}

type SelectedAccount = Awaited<
  ReturnType<ReturnType<typeof selectAccountRows>["executeTakeFirstOrThrow"]>
>;

function toAccountRow(row: SelectedAccount): AccountRow {
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    authenticator: row.authenticator !== null,
    recoveryCodesLeft: Number(row.recovery_codes_left ?? 0),
    passkeys: Number(row.passkeys ?? 0),
    singleSignOn: row.single_sign_on ?? null,
    lastSignInAt: row.last_sign_in_at ? new Date(row.last_sign_in_at) : null,
    bannedAt: row.banned_at,
  };
}

export async function findAccounts(
  db: Kysely<Database>,
  actor: Viewer,
  filters: { query: string; list: AccountList },
): Promise<{ rows: AccountRow[]; more: boolean }> {
  requireAdministrator(actor);
  let query = selectAccountRows(db);
  const text = filters.query.trim();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, "\\$&")}%`;
    query = query.where((eb) =>
      eb.or([eb("users.display_name", "ilike", pattern), eb("users.email", "ilike", pattern)]),
    );
  }
  if (filters.list !== "all") query = query.where("users.role", "!=", "resident");
  if (filters.list === "not-enrolled") {
    query = query
      .where("totp_credentials.user_id", "is", null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("passkeys")
              .select("passkeys.id")
              .whereRef("passkeys.user_id", "=", "users.id"),
          ),
        ),
      )
      .where(sql<boolean>`users.role = any(sign_in_settings.second_factor_roles)`);
  }
  const rows = await query
    .orderBy("users.id", "desc")
    .limit(PAGE_SIZE + 1)
    .execute();
  return {
    rows: rows.slice(0, PAGE_SIZE).map(toAccountRow),
    more: rows.length > PAGE_SIZE,
  };
}

export async function describeAccountForAdmin(
  db: Kysely<Database>,
  actor: Viewer,
  userId: number,
): Promise<AccountRow> {
  requireAdministrator(actor);
  const row = await selectAccountRows(db).where("users.id", "=", userId).executeTakeFirst();
  if (!row) throw new NotFoundError("There is no such account.");
  return toAccountRow(row);
}

/** Gives an account another role (never one's own: another admin must do that). */
export async function changeRole(
  db: Kysely<Database>,
  actor: Viewer,
  input: { userId: number; role: Role },
  now: Date,
): Promise<void> {
  requireAdministrator(actor);
  if (input.userId === actor.id) {
    throw new InvalidInputError("You cannot change your own role.", {
      role: "You cannot change your own role: ask another administrator",
    });
  }
  await runTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select("role")
      .where("id", "=", input.userId)
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError("There is no such account.");
    if (before.role === input.role) return;
    await trx
      .updateTable("users")
      .set({ role: input.role })
      .where("id", "=", input.userId)
      .execute();
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "role_changed",
        targetType: "user",
        targetId: input.userId,
        before: { role: before.role },
        after: { role: input.role },
      },
      now,
    );
    await noteSecurityChange(trx, input.userId, "role_changed");
  });
}

/**
 * For someone who lost their phone and their recovery codes: removes their second
 * factors and remembered browsers and signs them out everywhere. If their role needs a
 * second factor, their next sign-in sets up a new one.
 */
export async function resetSecondFactors(
  db: Kysely<Database>,
  actor: Viewer,
  input: { userId: number; reason: string },
  now: Date,
): Promise<void> {
  requireAdministrator(actor);
  if (input.userId === actor.id) {
    throw new InvalidInputError("Reset your own second factor on your two-step sign-in page.", {
      reason: "Not your own: manage yours on your two-step sign-in page",
    });
  }
  await runTransaction(db, async (trx) => {
    const account = await trx
      .selectFrom("users")
      .select("id")
      .where("id", "=", input.userId)
      .where("deleted_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!account) throw new NotFoundError("There is no such account.");
    await deleteSecondFactors(trx, input.userId);
    await endSessionsOf(trx, input.userId);
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "second_factors_reset",
        targetType: "user",
        targetId: input.userId,
        reason: input.reason,
      },
      now,
    );
    await noteSecurityChange(trx, input.userId, "factors_reset");
  });
}
