/**
 * What a sign-in must show before the session counts. An account with a second factor
 * (an authenticator app or a passkey) always gives it (anyone may add one); an account whose role the admin requires a
 * second factor of, and that has none yet, must set one up first. Until then the session
 * reaches only the code or set-up page: to the rest of the site it is nobody.
 */
import type { Role } from "../../../db/schema";

export type SecondFactorStage = "done" | "verify" | "enrol";

export function secondFactorStage(account: {
  role: Role;
  hasSecondFactor: boolean;
  /** Roles the sign-in settings require a second factor of. */
  requiredRoles: readonly Role[];
  /** When this session gave its second factor (null: not yet). */
  secondFactorAt: Date | null;
}): SecondFactorStage {
  if (account.secondFactorAt !== null) return "done";
  if (account.hasSecondFactor) return "verify";
  return account.requiredRoles.includes(account.role) ? "enrol" : "done";
}

/** Roles nobody may exempt from second factors: whoever changes the rules must have one. */
export const ALWAYS_SECOND_FACTOR: readonly Role[] = ["admin"];
