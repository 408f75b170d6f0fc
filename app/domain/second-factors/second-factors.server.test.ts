/**
 * Second factors against a real database: enrolment, codes used once across requests,
 * recovery codes used once and regenerated, the role rule deciding what a session may
 * reach, remembered browsers, the audited settings, and an admin's reset.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../../scripts/test-harness/databases";
import { makeUser } from "../../../scripts/test-harness/factories";
import { createAuth } from "../../auth.server";
import {
  changeRole,
  describeAccountForAdmin,
  findAccounts,
  resetSecondFactors,
} from "../account-administration.server";
import {
  confirmAuthenticator,
  describeSecondFactors,
  readEnrolmentKey,
  regenerateRecoveryCodes,
  removeAuthenticator,
  showAuthenticatorEnrolment,
  spendSecondFactor,
} from "./authenticator.server";
import { isBrowserRemembered, rememberBrowser } from "./remembered-browsers.server";
import {
  readSignInSettings,
  stageAfterPassword,
  updateSignInSettings,
} from "./sign-in-settings.server";
import { keyFromBase32, totpCodeAt, totpStep } from "./totp";
import type { AppLoadContext } from "@remix-run/node";
import { createRateLimits } from "../../rate-limits.server";
import { SecondFactorLimitedError, takeSecondFactor } from "../../second-factor-checks.server";

const SECRET = "a test site secret that is long enough";
const TIMEOUTS = { idleMs: 3_600_000, absoluteMs: 86_400_000 };

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

/** Sets up an authenticator as a person would: the page's key, a code from it. */
async function enrol(userId: number, now: Date) {
  const shown = await showAuthenticatorEnrolment(t.db, SECRET, userId, null, now);
  if (!shown) throw new Error("already enrolled");
  const key = keyFromBase32(shown.keyText);
  const step = totpStep(now);
  const { recoveryCodes } = await confirmAuthenticator(
    t.db,
    SECRET,
    { userId, token: shown.token, code: totpCodeAt(key, step) },
    now,
  );
  return { key, step, recoveryCodes, token: shown.token };
}

describe("setting up an authenticator", () => {
  it("stores nothing until a code from the shown key is typed back, then issues ten codes", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const shown = await showAuthenticatorEnrolment(t.db, SECRET, user.id, null, now);
    expect(shown?.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await describeSecondFactors(t.db, user.id)).authenticatorAddedAt).toBeNull();
    await expect(
      confirmAuthenticator(
        t.db,
        SECRET,
        { userId: user.id, token: shown!.token, code: "000000" },
        now,
      ),
    ).rejects.toThrow("The code is not right");
    // The same key is shown again after the refusal.
    const again = await showAuthenticatorEnrolment(t.db, SECRET, user.id, shown!.token, now);
    expect(again?.keyText).toBe(shown!.keyText);
    const key = keyFromBase32(shown!.keyText);
    const done = await confirmAuthenticator(
      t.db,
      SECRET,
      { userId: user.id, token: shown!.token, code: totpCodeAt(key, totpStep(now)) },
      now,
    );
    expect(new Set(done.recoveryCodes).size).toBe(10);
    const factors = await describeSecondFactors(t.db, user.id);
    expect(factors.recoveryCodesLeft).toBe(10);
    // The key at rest is not the key: it is sealed under the site secret.
    const stored = await t.db
      .selectFrom("totp_credentials")
      .select("secret_encrypted")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_encrypted).not.toContain(shown!.keyText.replace(/ /g, ""));
    expect(await showAuthenticatorEnrolment(t.db, SECRET, user.id, null, now)).toBeNull();
  });

  it("refuses another account's form, and a form older than half an hour", async () => {
    const [a, b] = [await makeUser(t.db), await makeUser(t.db)];
    const now = new Date();
    const shown = await showAuthenticatorEnrolment(t.db, SECRET, a.id, null, now);
    expect(readEnrolmentKey(SECRET, a.id, shown!.token, now)).not.toBeNull();
    expect(readEnrolmentKey(SECRET, b.id, shown!.token, now)).toBeNull();
    expect(readEnrolmentKey("another secret", a.id, shown!.token, now)).toBeNull();
    const later = new Date(now.getTime() + 31 * 60_000);
    expect(readEnrolmentKey(SECRET, a.id, shown!.token, later)).toBeNull();
  });
});

describe("using second factors", () => {
  it("takes each authenticator step once: a replayed code is refused, the next step's is taken", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const { key, step } = await enrol(user.id, now);
    // The enrolment used this step's code already.
    expect(await spendSecondFactor(t.db, SECRET, user.id, totpCodeAt(key, step), now)).toBeNull();
    const next = totpCodeAt(key, step + 1);
    const both = await Promise.all([
      spendSecondFactor(t.db, SECRET, user.id, next, now),
      spendSecondFactor(t.db, SECRET, user.id, next, now),
    ]);
    expect(both.sort()).toEqual([null, "totp"].sort());
    // Two steps ahead is outside the window.
    expect(
      await spendSecondFactor(t.db, SECRET, user.id, totpCodeAt(key, step + 2), now),
    ).toBeNull();
  });

  it("takes a recovery code once, however it is typed; regenerating ends the old ones", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const { recoveryCodes } = await enrol(user.id, now);
    const code = recoveryCodes[0]!;
    const shouted = ` ${code.toUpperCase().replace("-", " - ")} `;
    expect(await spendSecondFactor(t.db, SECRET, user.id, shouted, now)).toBe("recovery_code");
    expect(await spendSecondFactor(t.db, SECRET, user.id, code, now)).toBeNull();
    expect((await describeSecondFactors(t.db, user.id)).recoveryCodesLeft).toBe(9);
    // Another account's codes are not this one's.
    const other = await makeUser(t.db);
    await enrol(other.id, now);
    expect(await spendSecondFactor(t.db, SECRET, other.id, recoveryCodes[1]!, now)).toBeNull();

    const fresh = await regenerateRecoveryCodes(t.db, SECRET, user.id);
    expect(await spendSecondFactor(t.db, SECRET, user.id, recoveryCodes[1]!, now)).toBeNull();
    expect(await spendSecondFactor(t.db, SECRET, user.id, fresh[0]!, now)).toBe("recovery_code");
    const mails = await t.db
      .selectFrom("outbox")
      .select("payload")
      .where("topic", "=", "account.security_changed")
      .execute();
    const changes = mails
      .map((row) => row.payload as { userId: number; change: string })
      .filter((p) => p.userId === user.id)
      .map((p) => p.change);
    expect(changes).toEqual([
      "authenticator_added",
      "recovery_code_used",
      "recovery_codes_regenerated",
      "recovery_code_used",
    ]);
  });
});

describe("what a session reaches", () => {
  it("a staff role with no second factor is set up first; an enrolled account gives its code; a resident signs straight in", async () => {
    const auth = createAuth(t.db, { production: false, timeouts: TIMEOUTS });
    const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;
    const officer = await makeUser(t.db, { role: "officer" });
    const resident = await makeUser(t.db);
    expect(await stageAfterPassword(t.db, officer.id)).toBe("enrol");
    expect(await stageAfterPassword(t.db, resident.id)).toBe("done");

    const pending = await auth.readSession(cookieOf(await auth.startSession(officer.id, null)));
    expect(pending.viewer).toBeNull();
    expect(pending.pending).toMatchObject({ userId: officer.id, stage: "enrol" });

    await enrol(officer.id, new Date());
    expect(await stageAfterPassword(t.db, officer.id)).toBe("verify");
    const owing = await auth.readSession(cookieOf(await auth.startSession(officer.id, null)));
    expect(owing.pending?.stage).toBe("verify");
    const given = await auth.readSession(
      cookieOf(await auth.startSession(officer.id, null, null, "totp")),
    );
    expect(given.viewer).toMatchObject({
      id: officer.id,
      role: "officer",
      secondFactorMethod: "totp",
    });

    // A resident who chose an authenticator gives a code too.
    await enrol(resident.id, new Date());
    expect(await stageAfterPassword(t.db, resident.id)).toBe("verify");
  });

  it("a remembered browser stands in for the code, until the admin turns remembering off", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const user = await makeUser(t.db, { role: "moderator" });
    const now = new Date();
    const token = await rememberBrowser(t.db, user.id, 30, now);
    expect(await isBrowserRemembered(t.db, user.id, token, now)).toBe(true);
    expect(await isBrowserRemembered(t.db, admin.id, token, now)).toBe(false);
    const later = new Date(now.getTime() + 31 * 86_400_000);
    expect(await isBrowserRemembered(t.db, user.id, token, later)).toBe(false);
    const settings = await readSignInSettings(t.db);
    await updateSignInSettings(t.db, admin, { ...settings, rememberBrowserDays: 0 }, now);
    try {
      expect(await isBrowserRemembered(t.db, user.id, token, now)).toBe(false);
    } finally {
      await updateSignInSettings(t.db, admin, settings, now);
    }
  });
});

describe("administration", () => {
  it("sign-in settings: admins only, admins always need a second factor, each change audited", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const officer = await makeUser(t.db, { role: "officer" });
    const settings = await readSignInSettings(t.db);
    expect(settings.secondFactorRoles.sort()).toEqual(["admin", "moderator", "officer"]);
    const now = new Date();
    await expect(updateSignInSettings(t.db, officer, settings, now)).rejects.toThrow(
      "Only administrators",
    );
    await expect(
      updateSignInSettings(t.db, admin, { ...settings, secondFactorRoles: ["officer"] }, now),
    ).rejects.toThrow("Administrators always need a second factor");
    await updateSignInSettings(
      t.db,
      admin,
      { ...settings, secondFactorRoles: ["admin", "moderator"], rememberBrowserDays: 7 },
      now,
    );
    try {
      expect(await stageAfterPassword(t.db, officer.id)).toBe("done");
      const audit = await t.db
        .selectFrom("moderation_actions")
        .select(["before", "after"])
        .where("action", "=", "sign_in_settings_changed")
        .where("actor_id", "=", admin.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(audit.after)).toContain('"rememberBrowserDays":7');
    } finally {
      await updateSignInSettings(t.db, admin, settings, now);
    }
  });

  it("a role change and a factor reset are audited, mailed, and never one's own", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const person = await makeUser(t.db);
    const now = new Date();
    await expect(
      changeRole(t.db, admin, { userId: admin.id, role: "resident" }, now),
    ).rejects.toThrow("your own role");
    await expect(
      changeRole(t.db, person, { userId: admin.id, role: "resident" }, now),
    ).rejects.toThrow("Only administrators");
    await changeRole(t.db, admin, { userId: person.id, role: "moderator" }, now);
    expect(await stageAfterPassword(t.db, person.id)).toBe("enrol");

    await enrol(person.id, now);
    const auth = createAuth(t.db, { production: false, timeouts: TIMEOUTS });
    await auth.startSession(person.id, null, null, "totp");
    await resetSecondFactors(t.db, admin, { userId: person.id, reason: "Lost phone" }, now);
    expect(await describeSecondFactors(t.db, person.id)).toEqual({
      authenticatorAddedAt: null,
      recoveryCodesLeft: 0,
    });
    const sessions = await t.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", person.id)
      .execute();
    expect(sessions).toEqual([]);
    const audit = await t.db
      .selectFrom("moderation_actions")
      .select(["action", "reason"])
      .where("target_type", "=", "user")
      .where("target_id", "=", person.id)
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { action: "role_changed", reason: null },
      { action: "second_factors_reset", reason: "Lost phone" },
    ]);

    await removeAuthenticator(t.db, person.id);
    expect(await stageAfterPassword(t.db, person.id)).toBe("enrol");
  });
});

describe("wrong codes are limited", () => {
  it("five wrong codes in a quarter hour lock the account's code entry, even for the right code", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const { key, step } = await enrol(user.id, now);
    const logged: unknown[] = [];
    const log = {
      info: (line: unknown) => logged.push(line),
      warn: (line: unknown) => logged.push(line),
    };
    const context = {
      services: {
        db: t.db,
        secret: SECRET,
        rateLimits: createRateLimits(t.db, { searchesPerMinute: 60 }),
        log,
      },
      requestId: "test",
      clientIp: "192.0.2.1",
      viewer: null,
      pendingSignIn: null,
    } as unknown as AppLoadContext;
    const request = new Request("http://localhost/sign-in/code");
    const options = { field: "code", purpose: "sign-in" as const };
    for (let i = 0; i < 5; i++) {
      await expect(
        takeSecondFactor(context, request, user.id, { code: "111111", passkey: null }, options),
      ).rejects.toThrow("not right");
    }
    await expect(
      takeSecondFactor(
        context,
        request,
        user.id,
        { code: totpCodeAt(key, step + 1), passkey: null },
        options,
      ),
    ).rejects.toBeInstanceOf(SecondFactorLimitedError);
    expect(logged).toContainEqual(
      expect.objectContaining({ security: "second_factor_limited", userId: user.id }),
    );
  });
});

describe("the administrators' accounts page", () => {
  it("lists staff with neither an authenticator nor a passkey as not set up, and shows how each signs in", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const bare = await makeUser(t.db, { role: "officer" });
    const withPasskey = await makeUser(t.db, { role: "officer" });
    await t.db
      .insertInto("passkeys")
      .values({
        id: `passkey-${withPasskey.id}`,
        user_id: withPasskey.id,
        name: "Work laptop",
        public_key: Buffer.from("not a real key"),
      })
      .execute();
    await t.db
      .insertInto("oidc_identities")
      .values({ provider: "council", subject: `subject-${bare.id}`, user_id: bare.id })
      .execute();
    const notSetUp = await findAccounts(t.db, admin, { query: "", list: "not-enrolled" });
    const ids = notSetUp.rows.map((row) => row.id);
    expect(ids).toContain(bare.id);
    expect(ids).not.toContain(withPasskey.id);
    expect(await describeAccountForAdmin(t.db, admin, withPasskey.id)).toMatchObject({
      passkeys: 1,
      authenticator: false,
      singleSignOn: null,
    });
    expect(await describeAccountForAdmin(t.db, admin, bare.id)).toMatchObject({
      passkeys: 0,
      singleSignOn: "council",
    });
  });
});
