/** Words about accounts shared by server and pages (a *.server module's values are stripped from the browser bundle). */
export const FORMER_PARTICIPANT = "Former participant";

import type { Role } from "../../db/schema";

/** What each role is called on admin pages and in mail. */
export const ROLE_LABELS: Record<Role, string> = {
  resident: "Resident",
  moderator: "Moderator",
  officer: "Policy officer",
  admin: "Administrator",
};

/** The lists on the admin accounts page. */
export const ACCOUNT_LISTS = ["all", "staff", "not-enrolled"] as const;
export type AccountList = (typeof ACCOUNT_LISTS)[number];
export const ACCOUNT_LIST_LABELS: Record<AccountList, string> = {
  all: "Everyone",
  staff: "Staff",
  "not-enrolled": "Staff without two-step sign-in",
};

/** An account's second factors in words: "an authenticator app (9 recovery codes left), 2 passkeys". */
export function describeSecondFactorsHeld(account: {
  authenticator: boolean;
  recoveryCodesLeft: number;
  passkeys: number;
}): string | null {
  const held: string[] = [];
  if (account.authenticator) {
    held.push(`an authenticator app (${account.recoveryCodesLeft} recovery codes left)`);
  }
  if (account.passkeys > 0) {
    held.push(account.passkeys === 1 ? "a passkey" : `${account.passkeys} passkeys`);
  }
  return held.length > 0 ? held.join(" and ") : null;
}
