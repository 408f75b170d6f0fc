/**
 * Direct access to the e2e server's database, for setup that has no page of its own
 * (vouching for a test account, suspending one) and for reading what a request stored.
 * Every e2e run has PostgreSQL: the harness's throwaway cluster, or DATABASE_URL.
 */
import { expect, type APIRequestContext } from "@playwright/test";
import pg from "pg";

export async function withE2eDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const connectionString = process.env.PARLEY_E2E_DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "e2e needs PostgreSQL (the harness's throwaway cluster or DATABASE_URL) to set up test accounts",
    );
  }
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const E2E_PASSWORD = "a long enough password";

/**
 * Registers through the real form with an API client, signs it in through the sign-in
 * form, and sets the account up as the test needs: confirmed, a trust level, maybe
 * suspended.
 */
export async function registerThroughForm(
  request: APIRequestContext,
  account: { name: string; trustLevel?: number; confirmed?: boolean; suspendedDays?: number },
): Promise<{ id: number; email: string }> {
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e.example`;
  const response = await request.post("/register", {
    form: { email, displayName: account.name, password: E2E_PASSWORD },
    headers: { Origin: process.env.PARLEY_E2E_URL ?? "" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  const signedIn = await request.post("/sign-in", {
    form: { email, password: E2E_PASSWORD },
    headers: { Origin: process.env.PARLEY_E2E_URL ?? "" },
    maxRedirects: 0,
  });
  expect(signedIn.status()).toBe(303);
  return withE2eDatabase(async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `update users set trust_level = $2,
         email_verified_at = case when $3 then now() end,
         suspended_until = case when $4::int > 0 then now() + make_interval(days => $4::int) end,
         sanction_reason = case when $4::int > 0 then 'Suspended by the e2e set-up' end
       where email = $1 returning id`,
      [email, account.trustLevel ?? 1, account.confirmed ?? true, account.suspendedDays ?? 0],
    );
    return { id: rows[0]!.id, email };
  });
}
