/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, in this process)
 * and a real database: state, nonce and PKCE each checked, accounts matched by subject
 * and linked only to confirmed addresses, roles from claims, back-channel logout.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../../scripts/test-harness/databases";
import { makeUser } from "../../../scripts/test-harness/factories";
import {
  ProviderBrowser,
  startIdentityProvider,
  type TestIdentityProvider,
} from "../../../scripts/test-harness/identity-provider";
import { createAuth, hashSessionId } from "../../auth.server";
import type { SignInSettings } from "../second-factors/sign-in-settings.server";
import {
  mappedRole,
  parseSingleSignOnProviders,
  showsProviderMfa,
  type SingleSignOnProvider,
} from "./providers";
import {
  endProviderSessions,
  finishSingleSignOn,
  linkedProviderOf,
  readLogoutToken,
  SingleSignOnRefusedError,
  startSingleSignOn,
  type SingleSignOnRefusal,
} from "./single-sign-on.server";

const SETTINGS: SignInSettings = {
  secondFactorRoles: ["moderator", "officer", "admin"],
  rememberBrowserDays: 30,
  passkeyFirstFactor: false,
  trustProviderMfa: false,
  singleSignOnForEveryone: false,
};

let t: TestDatabase;
let idp: TestIdentityProvider;
let provider: SingleSignOnProvider;
let callbackUrl: string;
/** Stands in for Parley's address: it only collects the provider's back-channel calls. */
let relyingParty: http.Server;
const logoutTokens: string[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  relyingParty = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const token = new URLSearchParams(body).get("logout_token");
      if (token) logoutTokens.push(token);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => relyingParty.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(relyingParty.address() as AddressInfo).port}`;
  idp = await startIdentityProvider(appUrl);
  const parsed = parseSingleSignOnProviders(idp.parleyConfiguration);
  if (!parsed.ok) throw new Error(parsed.problem);
  provider = parsed.providers[0]!;
  callbackUrl = `${appUrl}/sign-in/sso/${provider.id}/callback`;
});
afterAll(async () => {
  await idp.stop();
  relyingParty.closeAllConnections();
  await new Promise((resolve) => relyingParty.close(resolve));
  await t.close();
});

function officerAddress() {
  return `officer.${randomBytes(4).toString("hex")}@northbridge.gov.uk`;
}

/** Starts an attempt and signs in at the provider; returns where it sends the browser back. */
async function throughProvider(login: string, browser = new ProviderBrowser(idp.issuer)) {
  const start = await startSingleSignOn(
    t.db,
    provider,
    { callbackUrl, redirectTo: "/staff" },
    new Date(),
  );
  return { start, back: await browser.walk(start.href, login), browser };
}

async function refusal(work: Promise<unknown>): Promise<SingleSignOnRefusal | "no refusal"> {
  try {
    await work;
    return "no refusal";
  } catch (error) {
    if (error instanceof SingleSignOnRefusedError) return error.reason;
    throw error;
  }
}

const finish = (back: URL, settings = SETTINGS) =>
  finishSingleSignOn(t.db, provider, back, settings, new Date());

describe("the authorization request", () => {
  it("carries a fresh state and nonce, and an S256 PKCE challenge of the verifier kept server-side", async () => {
    const first = await startSingleSignOn(
      t.db,
      provider,
      { callbackUrl, redirectTo: "/" },
      new Date(),
    );
    const second = await startSingleSignOn(
      t.db,
      provider,
      { callbackUrl, redirectTo: "/" },
      new Date(),
    );
    const state = first.searchParams.get("state")!;
    expect(state).not.toBe(second.searchParams.get("state"));
    const stored = await t.db
      .selectFrom("single_sign_on_attempts")
      .selectAll()
      .where("state", "=", state)
      .executeTakeFirstOrThrow();
    expect(first.searchParams.get("nonce")).toBe(stored.nonce);
    expect(first.searchParams.get("code_challenge_method")).toBe("S256");
    expect(first.searchParams.get("code_challenge")).toBe(
      createHash("sha256").update(stored.code_verifier).digest("base64url"),
    );
    // The verifier itself never leaves the server.
    expect(first.href).not.toContain(stored.code_verifier);
  });
});

describe("coming back from the provider", () => {
  it("makes an officer's account on the first sign-in and finds it by subject on the next", async () => {
    const address = officerAddress();
    const { back, browser } = await throughProvider(address);
    const first = await finish(back);
    expect(first).toMatchObject({ outcome: "created", redirectTo: "/staff", providerMfa: false });
    expect(first.sid).toEqual(expect.any(String));
    const account = await t.db
      .selectFrom("users")
      .select(["role", "email_verified_at", "password_hash"])
      .where("id", "=", first.userId)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ role: "officer", password_hash: null });
    expect(account.email_verified_at).not.toBeNull();

    const again = await throughProvider(address, browser);
    const second = await finish(again.back);
    expect(second).toMatchObject({ outcome: "signed_in", userId: first.userId });
    expect(await linkedProviderOf(t.db, first.userId)).toBe(provider.id);
  });

  it("uses an attempt once: the same answer a second time is refused", async () => {
    const { back } = await throughProvider(officerAddress());
    await finish(back);
    expect(await refusal(finish(back))).toBe("unknown_state");
  });

  it("refuses a tampered state, and still accepts the genuine one after", async () => {
    const { back } = await throughProvider(officerAddress());
    const tampered = new URL(back);
    tampered.searchParams.set("state", `${back.searchParams.get("state")}x`);
    expect(await refusal(finish(tampered))).toBe("unknown_state");
    const missing = new URL(back);
    missing.searchParams.delete("state");
    expect(await refusal(finish(missing))).toBe("unknown_state");
    expect((await finish(back)).outcome).toBe("created");
  });

  it("refuses an attempt older than ten minutes", async () => {
    const { back } = await throughProvider(officerAddress());
    await t.db
      .updateTable("single_sign_on_attempts")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("state", "=", back.searchParams.get("state")!)
      .execute();
    expect(await refusal(finish(back))).toBe("unknown_state");
  });

  it("refuses an ID token whose nonce is not the attempt's", async () => {
    const { back } = await throughProvider(officerAddress());
    await t.db
      .updateTable("single_sign_on_attempts")
      .set({ nonce: "a-nonce-this-attempt-never-sent" })
      .where("state", "=", back.searchParams.get("state")!)
      .execute();
    expect(await refusal(finish(back))).toBe("failed_checks");
  });

  it("refuses a code exchanged with the wrong PKCE verifier (the provider says no)", async () => {
    const { back } = await throughProvider(officerAddress());
    await t.db
      .updateTable("single_sign_on_attempts")
      .set({ code_verifier: "x".repeat(64) })
      .where("state", "=", back.searchParams.get("state")!)
      .execute();
    expect(await refusal(finish(back))).toBe("failed_checks");
  });

  it("refuses an address outside the provider's domains, and non-staff unless the admin opened it to everyone", async () => {
    const outsider = await throughProvider(
      `someone-${randomBytes(3).toString("hex")}@gmail.example`,
    );
    expect(await refusal(finish(outsider.back))).toBe("domain_not_allowed");

    const address = `pat-${randomBytes(3).toString("hex")}@northbridge.gov.uk`;
    const notStaff = await throughProvider(address);
    expect(await refusal(finish(notStaff.back))).toBe("not_staff");
    const everyone = await throughProvider(address);
    const resident = await finish(everyone.back, { ...SETTINGS, singleSignOnForEveryone: true });
    expect(resident.outcome).toBe("created");
    const role = await t.db
      .selectFrom("users")
      .select("role")
      .where("id", "=", resident.userId)
      .executeTakeFirstOrThrow();
    expect(role.role).toBe("resident");
  });

  it("links a confirmed account with the same address, and the provider's role replaces the old one (audited)", async () => {
    const existing = await makeUser(t.db, { role: "moderator" });
    const address = officerAddress();
    await t.db.updateTable("users").set({ email: address }).where("id", "=", existing.id).execute();
    const { back } = await throughProvider(address);
    const linked = await finish(back);
    expect(linked).toMatchObject({ outcome: "linked", userId: existing.id });
    const audit = await t.db
      .selectFrom("moderation_actions")
      .select(["actor_id", "action", "before", "after"])
      .where("target_type", "=", "user")
      .where("target_id", "=", existing.id)
      .execute();
    expect(audit).toEqual([expect.objectContaining({ actor_id: null, action: "role_changed" })]);
    const mail = await t.db
      .selectFrom("outbox")
      .select("payload")
      .where("topic", "=", "account.security_changed")
      .execute();
    const changes = mail
      .map((row) => row.payload as { userId: number; change: string })
      .filter((payload) => payload.userId === existing.id)
      .map((payload) => payload.change);
    expect(changes).toEqual(["single_sign_on_linked", "role_changed_by_provider"]);
  });

  it("never links an account whose address Parley has not confirmed", async () => {
    const unconfirmed = await makeUser(t.db, { unconfirmed: true });
    const address = officerAddress();
    await t.db
      .updateTable("users")
      .set({ email: address })
      .where("id", "=", unconfirmed.id)
      .execute();
    const { back } = await throughProvider(address);
    expect(await refusal(finish(back))).toBe("account_unconfirmed");
    expect(await linkedProviderOf(t.db, unconfirmed.id)).toBeNull();
  });

  it("counts the provider's MFA only when trusted and shown in the ID token", async () => {
    // The test provider's tokens carry no amr: even when trusted, Parley asks its own.
    const { back } = await throughProvider(officerAddress());
    const result = await finish(back, { ...SETTINGS, trustProviderMfa: true });
    expect(result.providerMfa).toBe(false);
    expect(showsProviderMfa(provider, { amr: ["pwd"] })).toBe(false);
    expect(showsProviderMfa(provider, { amr: ["pwd", "otp"] })).toBe(true);
    expect(showsProviderMfa(provider, { amr: ["mfa"] })).toBe(true);
    const withAcr = { ...provider, mfaAcrValues: ["urn:council:mfa"] };
    expect(showsProviderMfa(withAcr, { acr: "urn:council:mfa" })).toBe(true);
    expect(showsProviderMfa(withAcr, { acr: "urn:council:password" })).toBe(false);
  });
});

describe("signing out at the provider", () => {
  it("ends the Parley sessions that provider session started, and no others", async () => {
    const auth = createAuth(t.db, {
      production: false,
      timeouts: { idleMs: 3_600_000, absoluteMs: 86_400_000 },
    });
    const { back, browser } = await throughProvider(officerAddress());
    const signedIn = await finish(back);
    const cookie = await auth.startSession(signedIn.userId, null, null, "totp", {
      provider: provider.id,
      sid: signedIn.sid,
    });
    const sessionId = /=([^;]+)/.exec(cookie)![1]!;
    const bystander = await makeUser(t.db, { role: "officer" });
    await auth.startSession(bystander.id, null, null, "totp");

    const before = logoutTokens.length;
    await browser.walk(`${idp.issuer}/session/end`, "");
    await expect.poll(() => logoutTokens.length, { timeout: 20_000 }).toBe(before + 1);
    const who = await readLogoutToken(provider, logoutTokens.at(-1)!);
    expect(who?.sid).toBe(signedIn.sid);
    expect(await endProviderSessions(t.db, provider, who!)).toBe(1);
    const left = await t.db
      .selectFrom("sessions")
      .select("user_id")
      .where("user_id", "in", [signedIn.userId, bystander.id])
      .execute();
    expect(left).toEqual([{ user_id: bystander.id }]);
    expect(
      await t.db
        .selectFrom("sessions")
        .select("id")
        .where("id", "=", hashSessionId(sessionId))
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("ignores tokens that are not the provider's logout tokens", async () => {
    expect(await readLogoutToken(provider, "not.a.token")).toBeNull();
    expect(await readLogoutToken(provider, "")).toBeNull();
  });
});

describe("provider settings", () => {
  it("maps the highest role present in the role claim, else the default", () => {
    const mapping = {
      ...provider,
      roleMapping: { mods: "moderator", officers: "officer" } as const,
      defaultRole: "resident" as const,
    };
    expect(mappedRole(mapping, { roles: ["mods", "officers"] })).toBe("officer");
    expect(mappedRole(mapping, { roles: "mods" })).toBe("moderator");
    expect(mappedRole(mapping, { roles: ["other"] })).toBe("resident");
    expect(mappedRole(mapping, {})).toBe("resident");
  });

  it("refuses providers it could not use safely, naming the problem", () => {
    const base = {
      id: "council",
      name: "Council",
      issuer: "https://login.example.gov.uk",
      clientId: "parley",
      clientSecret: "s",
      allowedDomains: ["example.gov.uk"],
    };
    expect(parseSingleSignOnProviders(JSON.stringify([base])).ok).toBe(true);
    const plainHttp = parseSingleSignOnProviders(
      JSON.stringify([{ ...base, issuer: "http://login.example.gov.uk" }]),
    );
    expect(plainHttp).toMatchObject({ ok: false, problem: expect.stringContaining("https") });
    const noDomain = parseSingleSignOnProviders(JSON.stringify([{ ...base, allowedDomains: [] }]));
    expect(noDomain.ok).toBe(false);
    expect(parseSingleSignOnProviders("{nope").ok).toBe(false);
  });
});
