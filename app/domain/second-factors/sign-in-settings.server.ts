/**
 * The site's sign-in settings (one row): which roles must use a second factor, and for
 * how many days a browser may skip it after a code was typed on it ("remember this
 * browser"; 0 asks every time). Administrators change them; every change is audited.
 */
import type { Kysely } from "kysely";
import type { Database, Role } from "../../../db/schema";
import { runTransaction } from "../../../db/transaction";
import type { Viewer } from "../../auth.server";
import { can } from "../../permissions";
import { recordAction } from "../audit-log.server";
import { ForbiddenError, InvalidInputError } from "../errors";
import { ALWAYS_SECOND_FACTOR, secondFactorStage, type SecondFactorStage } from "../policy/sign-in";

export interface SignInSettings {
  secondFactorRoles: Role[];
  rememberBrowserDays: number;
  /** A passkey alone signs in (it is itself two factors: the device and its unlock). */
  passkeyFirstFactor: boolean;
  /** A provider's MFA, shown in the ID token's amr/acr, counts as the second factor. */
  trustProviderMfa: boolean;
  /** Single sign-on is offered to everyone, not only staff. */
  singleSignOnForEveryone: boolean;
}

export async function readSignInSettings(db: Kysely<Database>): Promise<SignInSettings> {
  const row = await db
    .selectFrom("sign_in_settings")
    .select([
      "second_factor_roles",
      "remember_browser_days",
      "passkey_first_factor",
      "trust_provider_mfa",
      "single_sign_on_for_everyone",
    ])
    .executeTakeFirstOrThrow();
  return {
    secondFactorRoles: row.second_factor_roles,
    rememberBrowserDays: row.remember_browser_days,
    passkeyFirstFactor: row.passkey_first_factor,
    trustProviderMfa: row.trust_provider_mfa,
    singleSignOnForEveryone: row.single_sign_on_for_everyone,
  };
}

export async function updateSignInSettings(
  db: Kysely<Database>,
  actor: Viewer,
  settings: SignInSettings,
  now: Date,
): Promise<void> {
  if (!can(actor, "manage:users:any")) {
    throw new ForbiddenError("Only administrators change how people sign in.");
  }
  const missing = ALWAYS_SECOND_FACTOR.filter((role) => !settings.secondFactorRoles.includes(role));
  if (missing.length > 0) {
    throw new InvalidInputError("Administrators always need a second factor.", {
      secondFactorRoles: "Administrators always need a second factor: keep it ticked",
    });
  }
  await runTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("sign_in_settings")
      .select([
        "second_factor_roles",
        "remember_browser_days",
        "passkey_first_factor",
        "trust_provider_mfa",
        "single_sign_on_for_everyone",
      ])
      .forUpdate()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("sign_in_settings")
      .set({
        second_factor_roles: [...new Set(settings.secondFactorRoles)].sort(),
        remember_browser_days: settings.rememberBrowserDays,
        passkey_first_factor: settings.passkeyFirstFactor,
        trust_provider_mfa: settings.trustProviderMfa,
        single_sign_on_for_everyone: settings.singleSignOnForEveryone,
        updated_at: now,
        updated_by: actor.id,
      })
      .execute();
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "sign_in_settings_changed",
        targetType: "settings",
        targetId: null,
        before: {
          secondFactorRoles: before.second_factor_roles,
          rememberBrowserDays: before.remember_browser_days,
          passkeyFirstFactor: before.passkey_first_factor,
          trustProviderMfa: before.trust_provider_mfa,
          singleSignOnForEveryone: before.single_sign_on_for_everyone,
        },
        after: settings,
      },
      now,
    );
  });
}

/** What a sign-in with the right password must do next for this account. */
export async function stageAfterPassword(
  db: Kysely<Database>,
  userId: number,
): Promise<SecondFactorStage> {
  const row = await db
    .selectFrom("users")
    .innerJoin("sign_in_settings", (join) => join.onTrue())
    .leftJoin("totp_credentials", "totp_credentials.user_id", "users.id")
    .select((eb) => [
      "users.role",
      "sign_in_settings.second_factor_roles",
      "totp_credentials.user_id as totp",
      eb
        .exists(
          eb
            .selectFrom("passkeys")
            .select("passkeys.id")
            .whereRef("passkeys.user_id", "=", "users.id"),
        )
        .as("has_passkey"),
    ])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
  return secondFactorStage({
    role: row.role,
    hasSecondFactor: row.totp !== null || Boolean(row.has_passkey),
    requiredRoles: row.second_factor_roles,
    secondFactorAt: null,
  });
}
