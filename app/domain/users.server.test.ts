import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { InvalidInputError } from "./errors";
import { createUser, registerResident, verifyCredentials } from "./users.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

/** Registers an address that is new, and returns the account's id. */
async function newResident(input: Parameters<typeof registerResident>[1]): Promise<number> {
  const result = await registerResident(t.db, input);
  if (!result.created) throw new Error(`${input.email} was already registered`);
  return result.userId;
}

describe("accounts", () => {
  it("registers a resident with an argon2id hash, never the password itself", async () => {
    const id = await newResident({
      email: "Ada@Example.org ",
      displayName: "Ada",
      password: "correct horse",
    });
    const row = await t.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe("ada@example.org");
    expect(row.role).toBe("resident");
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain("correct horse");
  });

  it("makes no second account for a taken email, whatever its case, and tells its holder instead", async () => {
    const bob = await newResident({
      email: "bob@example.org",
      displayName: "Bob",
      password: "password-1",
    });
    const attempt = await registerResident(t.db, {
      email: "BOB@example.org",
      displayName: "Bobby",
      password: "password-2",
    });
    // No refusal that would tell a stranger the address is known: the same quiet answer.
    expect(attempt).toEqual({ created: false });
    const accounts = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "bob@example.org")
      .execute();
    expect(accounts).toEqual([{ id: bob }]);
    const told = await t.db
      .selectFrom("outbox")
      .select("payload")
      .where("topic", "=", "account.registration_attempted")
      .execute();
    expect(told.map((row) => row.payload)).toContainEqual({ userId: bob });
  });

  it("still refuses a taken email where staff create accounts", async () => {
    await newResident({ email: "dee@example.org", displayName: "Dee", password: "password-1" });
    await expect(
      createUser(t.db, { email: "dee@example.org", displayName: "Dee", password: "password-2" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("refuses passwords shorter than 8 or longer than 64 characters", async () => {
    await expect(
      createUser(t.db, { email: "s@example.org", displayName: "S", password: "short" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      createUser(t.db, { email: "l@example.org", displayName: "L", password: "x".repeat(65) }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("signs in with the right password only, and says nothing about unknown emails", async () => {
    const id = await newResident({
      email: "cy@example.org",
      displayName: "Cy",
      password: "right password",
    });
    expect(await verifyCredentials(t.db, "CY@example.org", "right password")).toBe(id);
    expect(await verifyCredentials(t.db, "cy@example.org", "wrong password")).toBeNull();
    expect(await verifyCredentials(t.db, "nobody@example.org", "right password")).toBeNull();
  });

  it("does not sign in a deleted account", async () => {
    const id = await newResident({
      email: "gone@example.org",
      displayName: "Gone",
      password: "right password",
    });
    await t.db.updateTable("users").set({ deleted_at: new Date() }).where("id", "=", id).execute();
    expect(await verifyCredentials(t.db, "gone@example.org", "right password")).toBeNull();
  });

  it("keeps the role out of the database's hands: only resident, moderator, officer, admin exist", async () => {
    await expect(
      t.db
        .insertInto("users")
        .values({
          email: "x@example.org",
          display_name: "X",
          password_hash: null,
          role: "superuser" as never,
        })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });
});
