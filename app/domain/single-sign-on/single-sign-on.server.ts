/**
 * Staff sign-in through an OpenID Connect provider, with `openid-client`: the
 * authorization code flow with PKCE (S256), `state` and `nonce`.
 *
 * Each attempt's state, nonce and PKCE verifier are stored server-side, keyed by the
 * state, and deleted the moment the provider sends the browser back: an attempt is
 * used once, by the browser that started it within ten minutes, or not at all.
 *
 * An account is found by the provider's subject. The first time, an existing account
 * with the same address is linked only when both ends have verified that address;
 * otherwise a new account is made. From then on the account signs in only through its
 * provider (password and passkey-alone sign-in refuse it), its role follows the provider's claims at
 * each sign-in, and the provider's logout ends its sessions (back-channel logout).
 */
import type { Kysely, Transaction } from "kysely";
import * as client from "openid-client";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { Database, Role } from "../../../db/schema";
import { runTransaction } from "../../../db/transaction";
import { recordAction } from "../audit-log.server";
import { noteSecurityChange } from "../second-factors/authenticator.server";
import type { SignInSettings } from "../second-factors/sign-in-settings.server";
import { isUniqueViolation } from "../unique-violation";
import {
  isAllowedAddress,
  mappedRole,
  showsProviderMfa,
  type SingleSignOnProvider,
} from "./providers";

/** How long a browser may spend at the provider before the attempt is void. */
const ATTEMPT_MINUTES = 10;
/** Seconds Parley waits for the provider's discovery, token and userinfo endpoints. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** Why a sign-in through a provider was refused; routes turn each into words. */
export type SingleSignOnRefusal =
  /** No attempt has this state: tampered, replayed, expired, or from another browser. */
  | "unknown_state"
  /** The provider said no (the person cancelled, or was not allowed). */
  | "provider_refused"
  /** The code exchange or the ID token failed a check (nonce, PKCE, signature…). */
  | "failed_checks"
  | "email_unverified"
  | "domain_not_allowed"
  /** Single sign-on is for staff, and the claims give no staff role. */
  | "not_staff"
  /** An account has this address, but Parley never confirmed it: no link. */
  | "account_unconfirmed"
  /** The account is linked to another identity at this provider. */
  | "linked_elsewhere"
  | "account_closed";

export class SingleSignOnRefusedError extends Error {
  constructor(
    readonly reason: SingleSignOnRefusal,
    readonly detail?: unknown,
  ) {
    super(`single sign-on refused: ${reason}`);
    this.name = "SingleSignOnRefusedError";
  }
}

/** The provider's discovery document or endpoints could not be reached. */
export class ProviderUnavailableError extends Error {
  constructor(cause: unknown) {
    super("identity provider unavailable", { cause });
    this.name = "ProviderUnavailableError";
  }
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's metadata, fetched once per process (again after a failure). */
async function providerConfiguration(
  provider: SingleSignOnProvider,
): Promise<client.Configuration> {
  const key = `${provider.id} ${provider.issuer.href} ${provider.clientId}`;
  let pending = configurations.get(key);
  if (!pending) {
    pending = client.discovery(
      provider.issuer,
      provider.clientId,
      provider.clientSecret,
      undefined,
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // Only a localhost issuer may be plain http (providers.ts refuses any other).
        execute: provider.issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
      },
    );
    configurations.set(key, pending);
    pending.catch(() => configurations.delete(key));
  }
  try {
    return await pending;
  } catch (error) {
    throw new ProviderUnavailableError(error);
  }
}

/**
 * Records a new attempt and returns the provider's authorization address to send the
 * browser to. `callbackUrl` is where the provider sends it back (registered there).
 */
export async function startSingleSignOn(
  db: Kysely<Database>,
  provider: SingleSignOnProvider,
  input: { callbackUrl: string; redirectTo: string },
  now: Date,
): Promise<URL> {
  const config = await providerConfiguration(provider);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await db.deleteFrom("single_sign_on_attempts").where("expires_at", "<", now).execute();
  await db
    .insertInto("single_sign_on_attempts")
    .values({
      state,
      provider: provider.id,
      nonce,
      code_verifier: codeVerifier,
      redirect_to: input.redirectTo,
      expires_at: new Date(now.getTime() + ATTEMPT_MINUTES * 60_000),
    })
    .execute();
  return client.buildAuthorizationUrl(config, {
    redirect_uri: input.callbackUrl,
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
}

export interface SingleSignOnSuccess {
  userId: number;
  /** Where the person was going when they chose to sign in. */
  redirectTo: string;
  /** The provider's MFA counts as the second factor (admin setting, and shown in the token). */
  providerMfa: boolean;
  /** The provider's session id, for its back-channel logout. */
  sid: string | null;
  /** A new account was made, or an existing one linked, by this sign-in. */
  outcome: "signed_in" | "created" | "linked";
  email: string;
}

/**
 * Completes a sign-in when the provider sends the browser back to `callbackUrl` (the
 * whole address, with its query). Throws SingleSignOnRefusedError with the reason.
 */
export async function finishSingleSignOn(
  db: Kysely<Database>,
  provider: SingleSignOnProvider,
  callbackUrl: URL,
  settings: SignInSettings,
  now: Date,
): Promise<SingleSignOnSuccess> {
  const attempt = await takeAttempt(db, provider, callbackUrl.searchParams.get("state"), now);
  if (callbackUrl.searchParams.has("error")) {
    throw new SingleSignOnRefusedError("provider_refused", callbackUrl.searchParams.get("error"));
  }
  const claims = await exchangeCode(provider, callbackUrl, attempt);
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email || claims[provider.emailVerifiedClaim] !== true) {
    throw new SingleSignOnRefusedError("email_unverified");
  }
  if (!isAllowedAddress(provider, email)) throw new SingleSignOnRefusedError("domain_not_allowed");
  const role = mappedRole(provider, claims);
  if (role === "resident" && !settings.singleSignOnForEveryone) {
    throw new SingleSignOnRefusedError("not_staff");
  }
  const subject = String(claims.sub);
  const displayName = chooseDisplayName(claims, email);
  let account: { userId: number; outcome: SingleSignOnSuccess["outcome"] };
  try {
    account = await runTransaction(db, (trx) =>
      signInLinkedAccount(trx, provider, { subject, email, role, displayName }, now),
    );
  } catch (error) {
    // Two first sign-ins of one person at once: one made the account, the other lost.
    if (isUniqueViolation(error)) throw new SingleSignOnRefusedError("failed_checks", error);
    throw error;
  }
  return {
    userId: account.userId,
    redirectTo: attempt.redirect_to,
    providerMfa: settings.trustProviderMfa && showsProviderMfa(provider, claims),
    sid: typeof claims.sid === "string" ? claims.sid : null,
    outcome: account.outcome,
    email,
  };
}

/** Deletes and returns the attempt `state` names: it can be used only this once. */
async function takeAttempt(
  db: Kysely<Database>,
  provider: SingleSignOnProvider,
  state: string | null,
  now: Date,
) {
  const attempt = state
    ? await db
        .deleteFrom("single_sign_on_attempts")
        .where("state", "=", state)
        .returning(["provider", "nonce", "code_verifier", "redirect_to", "expires_at"])
        .executeTakeFirst()
    : undefined;
  if (!attempt || attempt.provider !== provider.id || attempt.expires_at <= now) {
    throw new SingleSignOnRefusedError("unknown_state");
  }
  return attempt;
}

/**
 * Trades the code for tokens, checking state, PKCE, nonce and the ID token's signature,
 * issuer, audience and times (openid-client does), and returns the person's claims: the
 * ID token's, completed from the userinfo endpoint when it leaves the address out.
 */
async function exchangeCode(
  provider: SingleSignOnProvider,
  callbackUrl: URL,
  attempt: { nonce: string; code_verifier: string },
): Promise<Record<string, unknown>> {
  const config = await providerConfiguration(provider);
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: attempt.code_verifier,
      expectedState: callbackUrl.searchParams.get("state") ?? undefined,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error("no ID token");
    if (typeof idClaims.email === "string") return { ...idClaims };
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { ...userInfo, ...idClaims };
  } catch (error) {
    throw new SingleSignOnRefusedError("failed_checks", error);
  }
}

function chooseDisplayName(claims: Record<string, unknown>, email: string): string {
  const name = typeof claims.name === "string" ? claims.name.trim() : "";
  return (name || email.slice(0, email.indexOf("@"))).slice(0, 60);
}

async function signInLinkedAccount(
  trx: Transaction<Database>,
  provider: SingleSignOnProvider,
  person: { subject: string; email: string; role: Role; displayName: string },
  now: Date,
): Promise<{ userId: number; outcome: SingleSignOnSuccess["outcome"] }> {
  const linked = await trx
    .selectFrom("oidc_identities")
    .innerJoin("users", "users.id", "oidc_identities.user_id")
    .select(["users.id", "users.deleted_at"])
    .where("oidc_identities.provider", "=", provider.id)
    .where("oidc_identities.subject", "=", person.subject)
    .executeTakeFirst();
  if (linked) {
    if (linked.deleted_at) throw new SingleSignOnRefusedError("account_closed");
    await noteSignIn(trx, provider, person.subject, now);
    await followProviderRole(trx, provider, linked.id, person.role, now);
    return { userId: linked.id, outcome: "signed_in" };
  }
  const existing = await trx
    .selectFrom("users")
    .select(["id", "email_verified_at"])
    .where("email", "=", person.email)
    .where("deleted_at", "is", null)
    .forUpdate()
    .executeTakeFirst();
  if (existing) {
    // The provider verified the address (checked above); Parley must have too, or
    // whoever registered it here unconfirmed would meet the staff member's account.
    if (!existing.email_verified_at) throw new SingleSignOnRefusedError("account_unconfirmed");
    const other = await trx
      .selectFrom("oidc_identities")
      .select("subject")
      .where("provider", "=", provider.id)
      .where("user_id", "=", existing.id)
      .executeTakeFirst();
    if (other) throw new SingleSignOnRefusedError("linked_elsewhere");
    await linkIdentity(trx, provider, person.subject, existing.id, now);
    await noteSecurityChange(trx, existing.id, "single_sign_on_linked");
    await followProviderRole(trx, provider, existing.id, person.role, now);
    return { userId: existing.id, outcome: "linked" };
  }
  const created = await trx
    .insertInto("users")
    .values({
      email: person.email,
      display_name: person.displayName,
      // No password: this account signs in through its provider only.
      password_hash: null,
      role: person.role,
      email_verified_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await linkIdentity(trx, provider, person.subject, created.id, now);
  return { userId: created.id, outcome: "created" };
}

async function linkIdentity(
  trx: Transaction<Database>,
  provider: SingleSignOnProvider,
  subject: string,
  userId: number,
  now: Date,
) {
  await trx
    .insertInto("oidc_identities")
    .values({ provider: provider.id, subject, user_id: userId, last_sign_in_at: now })
    .execute();
}

async function noteSignIn(
  trx: Transaction<Database>,
  provider: SingleSignOnProvider,
  subject: string,
  now: Date,
) {
  await trx
    .updateTable("oidc_identities")
    .set({ last_sign_in_at: now })
    .where("provider", "=", provider.id)
    .where("subject", "=", subject)
    .execute();
}

/**
 * The provider decides a linked account's role: someone moved out of the officers'
 * group is no longer an officer the next time they sign in. Audited, and mailed.
 */
async function followProviderRole(
  trx: Transaction<Database>,
  provider: SingleSignOnProvider,
  userId: number,
  role: Role,
  now: Date,
) {
  const before = await trx
    .selectFrom("users")
    .select("role")
    .where("id", "=", userId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (before.role === role) return;
  await trx.updateTable("users").set({ role }).where("id", "=", userId).execute();
  await recordAction(
    trx,
    {
      actorId: null,
      action: "role_changed",
      targetType: "user",
      targetId: userId,
      reason: `Given by ${provider.name} at sign-in`,
      before: { role: before.role },
      after: { role },
    },
    now,
  );
  await noteSecurityChange(trx, userId, "role_changed_by_provider");
}

/** The provider an account is linked to, if any: such an account has no password sign-in. */
export async function linkedProviderOf(
  db: Kysely<Database>,
  userId: number,
): Promise<string | null> {
  const row = await db
    .selectFrom("oidc_identities")
    .select("provider")
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .executeTakeFirst();
  return row?.provider ?? null;
}

const BACK_CHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";
const keySets = new Map<string, JWTVerifyGetKey>();

/**
 * Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.6):
 * signed by the provider's keys, for Parley's client id, recent, carrying the logout
 * event and a `sid` or `sub`, and no nonce. Returns who is signed out, or null.
 */
export async function readLogoutToken(
  provider: SingleSignOnProvider,
  token: string,
): Promise<{ sid: string | null; sub: string | null } | null> {
  const config = await providerConfiguration(provider);
  const metadata = config.serverMetadata();
  if (!metadata.jwks_uri) return null;
  let keys = keySets.get(metadata.jwks_uri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(metadata.jwks_uri), {
      timeoutDuration: PROVIDER_TIMEOUT_SECONDS * 1000,
    });
    keySets.set(metadata.jwks_uri, keys);
  }
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: metadata.issuer,
      audience: provider.clientId,
      maxTokenAge: "5 minutes",
      requiredClaims: ["iat", "jti", "events"],
    });
    const events = payload.events;
    if (typeof events !== "object" || events === null || !(BACK_CHANNEL_EVENT in events)) {
      return null;
    }
    if ("nonce" in payload) return null;
    const sid = typeof payload.sid === "string" ? payload.sid : null;
    const sub = typeof payload.sub === "string" ? payload.sub : null;
    return sid || sub ? { sid, sub } : null;
  } catch {
    return null;
  }
}

/**
 * Ends the Parley sessions a provider's logout names: those started in its session
 * `sid`, or every session it started for the subject `sub`.
 */
export async function endProviderSessions(
  db: Kysely<Database>,
  provider: SingleSignOnProvider,
  who: { sid: string | null; sub: string | null },
): Promise<number> {
  let ended = 0;
  if (who.sid) {
    const result = await db
      .deleteFrom("sessions")
      .where("oidc_provider", "=", provider.id)
      .where("oidc_sid", "=", who.sid)
      .executeTakeFirst();
    ended += Number(result.numDeletedRows);
  }
  const subject = who.sub;
  if (subject) {
    const result = await db
      .deleteFrom("sessions")
      .where("oidc_provider", "=", provider.id)
      .where("user_id", "in", (eb) =>
        eb
          .selectFrom("oidc_identities")
          .select("user_id")
          .where("provider", "=", provider.id)
          .where("subject", "=", subject),
      )
      .executeTakeFirst();
    ended += Number(result.numDeletedRows);
  }
  return ended;
}
