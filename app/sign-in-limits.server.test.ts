import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../scripts/test-harness/databases";
import { makeUser } from "../scripts/test-harness/factories";
import { openTestDatabase } from "../scripts/test-harness/test-context";
import { readConfig } from "./config.server";
import { createRateLimits } from "./rate-limits.server";
import { startSignInAttempt } from "./sign-in-limits.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const services = () => ({
  db: t.db,
  rateLimits: createRateLimits(t.db, { searchesPerMinute: 60, signInsPerIp: 10_000 }),
  secret: "a-test-secret-for-device-cookies",
  config: readConfig({ NODE_ENV: "test" }),
});

async function emailOf(userId: number): Promise<string> {
  const row = await t.db
    .selectFrom("users")
    .select("email")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.email;
}

/** The cookie header a browser sends back after a Set-Cookie. */
const cookieHeaderFrom = (setCookie: string) => setCookie.split(";")[0]!;

describe("sign-in lock-out that strangers cannot use against the owner", () => {
  it("keeps the owner's known browser working while guesses from elsewhere lock the address", async () => {
    const owner = await makeUser(t.db, { role: "moderator" });
    const email = await emailOf(owner.id);
    const s = services();

    // The owner signed in once on their laptop, which keeps a device cookie.
    const laptop = cookieHeaderFrom(
      await (
        await startSignInAttempt(s, { email, clientIp: "10.0.0.1", cookieHeader: null })
      ).succeeded(owner.id),
    );

    // A stranger guesses from many addresses until the address is locked for strangers.
    for (let i = 0; i < 10; i++) {
      const guess = await startSignInAttempt(s, {
        email,
        clientIp: `192.0.2.${i}`,
        cookieHeader: null,
      });
      expect((await guess.check()).allowed).toBe(true);
      await guess.failed();
    }
    const stranger = await startSignInAttempt(s, {
      email,
      clientIp: "192.0.2.99",
      cookieHeader: null,
    });
    expect((await stranger.check()).allowed).toBe(false);
    // The owner on a new browser waits too (or resets the password by email)…
    const newPhone = await startSignInAttempt(s, {
      email,
      clientIp: "10.0.0.2",
      cookieHeader: null,
    });
    expect((await newPhone.check()).allowed).toBe(false);
    // …but on the laptop they have used before, they are let in.
    const fromLaptop = await startSignInAttempt(s, {
      email,
      clientIp: "10.0.0.1",
      cookieHeader: laptop,
    });
    expect((await fromLaptop.check()).allowed).toBe(true);
  });

  it("counts failures from a known browser against that browser, and only for its account", async () => {
    const owner = await makeUser(t.db);
    const other = await makeUser(t.db);
    const s = services();
    const email = await emailOf(owner.id);
    const laptop = cookieHeaderFrom(
      await (
        await startSignInAttempt(s, { email, clientIp: "10.0.1.1", cookieHeader: null })
      ).succeeded(owner.id),
    );
    for (let i = 0; i < 10; i++) {
      await (
        await startSignInAttempt(s, { email, clientIp: "10.0.1.1", cookieHeader: laptop })
      ).failed();
    }
    expect(
      (
        await (
          await startSignInAttempt(s, { email, clientIp: "10.0.1.1", cookieHeader: laptop })
        ).check()
      ).allowed,
    ).toBe(false);
    // Strangers' counter for the address was never touched.
    expect(
      (
        await (
          await startSignInAttempt(s, { email, clientIp: "10.0.1.2", cookieHeader: null })
        ).check()
      ).allowed,
    ).toBe(true);
    // The laptop's cookie gives nothing for another account: that one counts by address.
    const otherEmail = await emailOf(other.id);
    for (let i = 0; i < 10; i++) {
      await (
        await startSignInAttempt(s, {
          email: otherEmail,
          clientIp: "10.0.1.1",
          cookieHeader: laptop,
        })
      ).failed();
    }
    expect(
      (
        await (
          await startSignInAttempt(s, {
            email: otherEmail,
            clientIp: "10.0.1.3",
            cookieHeader: null,
          })
        ).check()
      ).allowed,
    ).toBe(false);
  });

  it("ignores a device cookie that was not signed with the site's secret", async () => {
    const owner = await makeUser(t.db);
    const email = await emailOf(owner.id);
    const s = services();
    const forged = cookieHeaderFrom(
      await (
        await startSignInAttempt(
          { ...s, secret: "someone-elses-secret-000000" },
          { email, clientIp: "10.0.2.1", cookieHeader: null },
        )
      ).succeeded(owner.id),
    );
    for (let i = 0; i < 10; i++) {
      await (
        await startSignInAttempt(s, { email, clientIp: "10.0.2.1", cookieHeader: null })
      ).failed();
    }
    expect(
      (
        await (
          await startSignInAttempt(s, { email, clientIp: "10.0.2.1", cookieHeader: forged })
        ).check()
      ).allowed,
    ).toBe(false);
  });
});
