/** The token of an emailed account link, read from the page address, if it is still good. */
import type { Kysely } from "kysely";
import type { AccountTokenPurpose, Database } from "../db/schema";
import { isAccountTokenUsable } from "./domain/account-tokens.server";
import { accountTokenField } from "./schemas/accounts";

export async function usableLinkToken(
  request: Request,
  db: Kysely<Database>,
  purpose: AccountTokenPurpose,
): Promise<{ token: string | null; given: boolean }> {
  const token = new URL(request.url).searchParams.get("token");
  if (token === null) return { token: null, given: false };
  const usable =
    accountTokenField.safeParse(token).success &&
    (await isAccountTokenUsable(db, token, purpose, new Date()));
  return { token: usable ? token : null, given: true };
}
