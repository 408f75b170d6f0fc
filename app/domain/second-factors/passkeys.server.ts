/**
 * Passkeys (WebAuthn), with @simplewebauthn/server: registering, naming and removing
 * them, and signing in with one, as the second factor after a password or, where the
 * admin allows, on its own. Each ceremony's challenge is stored once and deleted when
 * answered, so an answer cannot be replayed.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database, WebauthnChallengesTable } from "../../../db/schema";
import { runTransaction } from "../../../db/transaction";
import { InvalidInputError } from "../errors";
import {
  forgetBackupsIfNoFactorLeft,
  noteSecurityChange,
  replaceRecoveryCodes,
} from "./authenticator.server";

/** Who the passkeys are for: this site's origin and its host name. */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

type Purpose = WebauthnChallengesTable["purpose"];
const CHALLENGE_MINUTES = 5;

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listPasskeys(
  db: Kysely<Database>,
  userId: number,
): Promise<PasskeySummary[]> {
  const rows = await db
    .selectFrom("passkeys")
    .select(["id", "name", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }));
}

async function storeChallenge(
  db: Kysely<Database>,
  input: { userId: number | null; purpose: Purpose; challenge: string },
  now: Date,
): Promise<string> {
  const id = randomBytes(18).toString("base64url");
  await db.deleteFrom("webauthn_challenges").where("expires_at", "<", now).execute();
  await db
    .insertInto("webauthn_challenges")
    .values({
      id,
      user_id: input.userId,
      purpose: input.purpose,
      challenge: input.challenge,
      expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
    })
    .execute();
  return id;
}

/** The challenge of a ceremony, deleted as it is read: each is answered at most once. */
async function takeChallenge(
  trx: Transaction<Database>,
  input: { id: string; userId: number | null; purpose: Purpose },
  now: Date,
): Promise<string> {
  let query = trx
    .deleteFrom("webauthn_challenges")
    .where("id", "=", input.id)
    .where("purpose", "=", input.purpose)
    .where("expires_at", ">", now);
  query =
    input.userId === null
      ? query.where("user_id", "is", null)
      : query.where("user_id", "=", input.userId);
  const row = await query.returning("challenge").executeTakeFirst();
  if (!row) throw passkeyRefused("That passkey request has expired. Try again.");
  return row.challenge;
}

function passkeyRefused(message: string) {
  return new InvalidInputError(message, { passkey: message });
}

export async function startPasskeyRegistration(
  db: Kysely<Database>,
  rp: RelyingParty,
  userId: number,
  now: Date,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const [user, existing] = await Promise.all([
    db
      .selectFrom("users")
      .select(["email", "display_name"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow(),
    db.selectFrom("passkeys").select(["id", "transports"]).where("user_id", "=", userId).execute(),
  ]);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.display_name,
    userID: new TextEncoder().encode(`parley-user-${userId}`),
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.id,
      transports: passkey.transports as AuthenticatorTransport[],
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  const challengeId = await storeChallenge(
    db,
    { userId, purpose: "register", challenge: options.challenge },
    now,
  );
  return { challengeId, options };
}

/**
 * Keeps the new passkey once the browser's answer checks out. An account's first second
 * factor also gets ten recovery codes, returned to be shown once.
 */
export async function finishPasskeyRegistration(
  db: Kysely<Database>,
  siteSecret: string,
  rp: RelyingParty,
  input: { userId: number; challengeId: string; response: RegistrationResponseJSON; name: string },
  now: Date,
): Promise<{ recoveryCodes: string[] | null }> {
  return runTransaction(db, async (trx) => {
    const challenge = await takeChallenge(
      trx,
      { id: input.challengeId, userId: input.userId, purpose: "register" },
      now,
    );
    const verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    }).catch(() => ({ verified: false as const, registrationInfo: undefined }));
    if (!verification.verified) throw passkeyRefused("The passkey could not be checked.");
    const { credential } = verification.registrationInfo;
    const inserted = await trx
      .insertInto("passkeys")
      .values({
        id: credential.id,
        user_id: input.userId,
        name: input.name,
        public_key: credential.publicKey,
        counter: credential.counter,
        transports: credential.transports ?? [],
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw passkeyRefused("This passkey is already registered.");
    const codes = await trx
      .selectFrom("recovery_codes")
      .select("code_hash")
      .where("user_id", "=", input.userId)
      .executeTakeFirst();
    const recoveryCodes = codes ? null : await replaceRecoveryCodes(trx, siteSecret, input.userId);
    await noteSecurityChange(trx, input.userId, "passkey_added");
    return { recoveryCodes };
  });
}

/**
 * Options for signing in (or confirming a change) with a passkey. With a known account,
 * only its passkeys are offered; without one (passwordless), the browser offers any
 * passkey it holds for this site, and user verification is required.
 */
export async function startPasskeyCheck(
  db: Kysely<Database>,
  rp: RelyingParty,
  input: { userId: number | null; purpose: "sign-in" | "confirm" },
  now: Date,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const passkeys =
    input.userId === null
      ? []
      : await db
          .selectFrom("passkeys")
          .select(["id", "transports"])
          .where("user_id", "=", input.userId)
          .execute();
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map((passkey) => ({
      id: passkey.id,
      transports: passkey.transports as AuthenticatorTransport[],
    })),
    userVerification: input.userId === null ? "required" : "preferred",
  });
  const challengeId = await storeChallenge(
    db,
    { userId: input.userId, purpose: input.purpose, challenge: options.challenge },
    now,
  );
  return { challengeId, options };
}

/** The account whose passkey answered the challenge; throws when it does not check out. */
export async function finishPasskeyCheck(
  db: Kysely<Database>,
  rp: RelyingParty,
  input: {
    userId: number | null;
    purpose: "sign-in" | "confirm";
    challengeId: string;
    response: AuthenticationResponseJSON;
  },
  now: Date,
): Promise<number> {
  return runTransaction(db, async (trx) => {
    const challenge = await takeChallenge(
      trx,
      { id: input.challengeId, userId: input.userId, purpose: input.purpose },
      now,
    );
    let query = trx
      .selectFrom("passkeys")
      .select(["id", "user_id", "public_key", "counter", "transports"])
      .where("id", "=", input.response.id);
    if (input.userId !== null) query = query.where("user_id", "=", input.userId);
    const passkey = await query.forUpdate().executeTakeFirst();
    if (!passkey) throw passkeyRefused("That passkey is not registered to this account.");
    const verification = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(passkey.public_key),
        counter: Number(passkey.counter),
        transports: passkey.transports as AuthenticatorTransport[],
      },
      requireUserVerification: input.userId === null,
    }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
    if (!verification.verified) throw passkeyRefused("The passkey could not be checked.");
    await trx
      .updateTable("passkeys")
      .set({ counter: verification.authenticationInfo.newCounter, last_used_at: now })
      .where("id", "=", passkey.id)
      .execute();
    return passkey.user_id;
  });
}

export async function removePasskey(
  db: Kysely<Database>,
  userId: number,
  passkeyId: string,
): Promise<boolean> {
  return runTransaction(db, async (trx) => {
    const removed = await trx
      .deleteFrom("passkeys")
      .where("id", "=", passkeyId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    await forgetBackupsIfNoFactorLeft(trx, userId);
    await noteSecurityChange(trx, userId, "passkey_removed");
    return true;
  });
}
