import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../scripts/test-harness/test-context";
import type { TestDatabase } from "../scripts/test-harness/databases";
import { isDatabaseUnavailable } from "./errors";
import { runTransaction, TRANSACTION_ATTEMPTS } from "./transaction";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

describe("runTransaction", () => {
  it("runs a transaction again after PostgreSQL rolls it back for a deadlock", async () => {
    let attempts = 0;
    const result = await runTransaction(t.db, async (trx) => {
      attempts++;
      if (attempts === 1) {
        // A real deadlock error from the server, raised inside the transaction.
        await sql`do $$ begin raise exception 'deadlock detected' using errcode = '40P01'; end $$`.execute(
          trx,
        );
      }
      return (await sql<{ n: number }>`select 1 as n`.execute(trx)).rows[0]!.n;
    });
    expect(result).toBe(1);
    expect(attempts).toBe(2);
  });

  it("gives up after a few attempts, and never retries other errors", async () => {
    let attempts = 0;
    await expect(
      runTransaction(t.db, async (trx) => {
        attempts++;
        await sql`do $$ begin raise exception 'conflict' using errcode = '40001'; end $$`.execute(
          trx,
        );
      }),
    ).rejects.toMatchObject({ code: "40001" });
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);

    attempts = 0;
    await expect(
      runTransaction(t.db, async (trx) => {
        attempts++;
        await sql`select 1/0`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: "22012" });
    expect(attempts).toBe(1);
  });
});

describe("isDatabaseUnavailable", () => {
  it("tells an outage from a wrong query", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating"), { code: "57P01" }))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new AggregateError([Object.assign(new Error(), { code: "ECONNREFUSED" })]),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("syntax"), { code: "42601" }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error("anything else"))).toBe(false);
  });
});
