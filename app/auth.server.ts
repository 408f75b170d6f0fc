/**
 * Sessions with Lucia v3. This is the only file that knows Lucia, so it can be swapped
 * for hand-written sessions (Lucia's own guide) without touching routes or domain code.
 * Session ids are stored as SHA-256 hashes: a leaked sessions table lets nobody sign in.
 */
import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import type { Database, Role, SecondFactorMethod } from "../db/schema";
import { secondFactorStage } from "./domain/policy/sign-in";
import { can, type Permission } from "./permissions";

/** What the app knows about the person making a request. */
export interface Viewer {
  id: number;
  displayName: string;
  role: Role;
  team: string | null;
  suspendedUntil: Date | null;
  bannedAt: Date | null;
  /** Why a moderator suspended or banned the account, shown to its owner. */
  sanctionReason: string | null;
  /** The email address is unconfirmed and the site requires confirmation before posting. */
  mustVerifyEmail: boolean;
  /** When this session gave a second factor, and how (null: the account needs none). */
  secondFactorAt: Date | null;
  secondFactorMethod: SecondFactorMethod | null;
}

/**
 * A session whose password was right but whose second factor is still to come: it may
 * only give its code ("verify") or set an authenticator up ("enrol").
 */
export interface PendingSignIn {
  userId: number;
  displayName: string;
  stage: "verify" | "enrol";
}

interface DatabaseUserAttributes {
  display_name: string;
  role: Role;
  team: string | null;
  suspended_until: Date | null;
  banned_at: Date | null;
  sanction_reason: string | null;
  must_verify_email: boolean;
  /** Not the user's, but this session's: Lucia keeps attributes on users and sessions apart. */
  second_factor_stage: "done" | "verify" | "enrol";
  second_factor_at: Date | null;
  second_factor_method: SecondFactorMethod | null;
}

interface DatabaseSessionAttributes {
  user_agent: string | null;
  second_factor_at: Date | null;
  second_factor_method: SecondFactorMethod | null;
  oidc_provider: string | null;
  oidc_sid: string | null;
}

/** The identity provider a session signed in through, so its logout can end the session. */
export interface SingleSignOnSession {
  provider: string;
  /** The provider's own session id (`sid`), when its ID token carries one. */
  sid: string | null;
}

type ParleyLucia = Lucia<
  Record<never, never>,
  Omit<Viewer, "id"> & { secondFactorStage: "done" | "verify" | "enrol" }
>;

declare module "lucia" {
  interface Register {
    Lucia: ParleyLucia;
    UserId: number;
    DatabaseUserAttributes: DatabaseUserAttributes;
    DatabaseSessionAttributes: DatabaseSessionAttributes;
  }
}

export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

export interface SessionTimeouts {
  /** A session unused for this long is over (ASVS 7.3.1). */
  idleMs: number;
  /** A session this old is over however busy it is (ASVS 7.3.2). */
  absoluteMs: number;
}

/**
 * Ends every session of a user, except (optionally) the one making the request: used
 * when a password or email changes, and for "sign out everywhere". Runs inside the
 * caller's transaction so the change and the sign-outs commit together.
 */
export async function endSessionsOf(
  db: Kysely<Database> | Transaction<Database>,
  userId: number,
  options: { except?: string | null } = {},
): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (options.except) query = query.where("id", "!=", hashSessionId(options.except));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Lucia's seven-method adapter over Kysely; ids are hashed on the way in. */
function createKyselyAdapter(db: Kysely<Database>, timeouts: SessionTimeouts): Adapter {
  const toDatabaseSession = (
    id: string,
    row: { user_id: number; expires_at: Date },
  ): DatabaseSession => ({
    id,
    userId: row.user_id,
    expiresAt: row.expires_at,
    attributes: {
      user_agent: null,
      second_factor_at: null,
      second_factor_method: null,
      oidc_provider: null,
      oidc_sid: null,
    },
  });

  return {
    async getSessionAndUser(sessionId) {
      const row = await db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .leftJoin("moderation_settings", (join) => join.onTrue())
        .leftJoin("sign_in_settings", (join) => join.onTrue())
        .select((eb) => [
          eb
            .exists(
              eb
                .selectFrom("totp_credentials")
                .select("totp_credentials.user_id")
                .whereRef("totp_credentials.user_id", "=", "sessions.user_id"),
            )
            .as("has_authenticator"),
          eb
            .exists(
              eb
                .selectFrom("passkeys")
                .select("passkeys.user_id")
                .whereRef("passkeys.user_id", "=", "sessions.user_id"),
            )
            .as("has_passkey"),
        ])
        .select([
          "sessions.second_factor_at",
          "sessions.second_factor_method",
          "sign_in_settings.second_factor_roles",
          "sessions.user_id",
          "sessions.expires_at",
          "users.display_name",
          "users.role",
          "users.team",
          "users.suspended_until",
          "users.banned_at",
          "users.sanction_reason",
          "users.email_verified_at",
          "sessions.last_seen_at",
          "moderation_settings.unverified_may_post",
        ])
        .where("sessions.id", "=", hashSessionId(sessionId))
        .where("users.deleted_at", "is", null)
        .where("sessions.last_seen_at", ">", new Date(Date.now() - timeouts.idleMs))
        .where("sessions.created_at", ">", new Date(Date.now() - timeouts.absoluteMs))
        .executeTakeFirst();
      if (!row) return [null, null];
      // Written at most once a minute: enough for an idle timeout counted in hours.
      if (Date.now() - row.last_seen_at.getTime() > 60_000) {
        await db
          .updateTable("sessions")
          .set({ last_seen_at: new Date() })
          .where("id", "=", hashSessionId(sessionId))
          .execute();
      }
      const user: DatabaseUser = {
        id: row.user_id,
        attributes: {
          display_name: row.display_name,
          role: row.role,
          team: row.team,
          suspended_until: row.suspended_until,
          banned_at: row.banned_at,
          sanction_reason: row.sanction_reason,
          must_verify_email: row.email_verified_at === null && row.unverified_may_post !== true,
          second_factor_stage: secondFactorStage({
            role: row.role,
            hasSecondFactor: Boolean(row.has_authenticator) || Boolean(row.has_passkey),
            requiredRoles: row.second_factor_roles ?? [],
            secondFactorAt: row.second_factor_at,
          }),
          second_factor_at: row.second_factor_at,
          second_factor_method: row.second_factor_method,
        },
      };
      return [toDatabaseSession(sessionId, row), user];
    },
    async getUserSessions(userId) {
      // Only hashes are stored, so the ids returned here cannot be used as cookies.
      const rows = await db
        .selectFrom("sessions")
        .select(["id", "user_id", "expires_at"])
        .where("user_id", "=", userId)
        .execute();
      return rows.map((row) => toDatabaseSession(row.id, row));
    },
    async setSession(session) {
      await db
        .insertInto("sessions")
        .values({
          id: hashSessionId(session.id),
          user_id: session.userId,
          expires_at: session.expiresAt,
          user_agent: session.attributes.user_agent?.slice(0, 300) ?? null,
          second_factor_at: session.attributes.second_factor_at,
          second_factor_method: session.attributes.second_factor_method,
          oidc_provider: session.attributes.oidc_provider,
          oidc_sid: session.attributes.oidc_sid,
        })
        .execute();
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db
        .updateTable("sessions")
        .set({ expires_at: expiresAt })
        .where("id", "=", hashSessionId(sessionId))
        .execute();
    },
    async deleteSession(sessionId) {
      await db.deleteFrom("sessions").where("id", "=", hashSessionId(sessionId)).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },
    async deleteExpiredSessions() {
      await db.deleteFrom("sessions").where("expires_at", "<=", new Date()).execute();
    },
  };
}

export interface RequestSession {
  /** Null for nobody, and for a session still owing its second factor (see `pending`). */
  viewer: Viewer | null;
  pending: PendingSignIn | null;
  sessionId: string | null;
  /** Set-Cookie values to send: a refreshed expiry, or a blank cookie for a dead session. */
  setCookies: string[];
}

export interface Auth {
  /** Reads and validates the session cookie of a request. */
  readSession(cookieHeader: string | undefined): Promise<RequestSession>;
  /**
   * Starts a fresh session (never reusing the old id) and returns its Set-Cookie value;
   * `secondFactor` says how it was given, when it was (a new id for the stronger session);
   * `singleSignOn`, the provider signed in through. A session that replaces one started
   * through a provider (its second factor given) stays tied to that provider's session.
   */
  startSession(
    userId: number,
    previousSessionId: string | null,
    userAgent?: string | null,
    secondFactor?: SecondFactorMethod | null,
    singleSignOn?: SingleSignOnSession | null,
  ): Promise<string>;
  /** Ends a session and returns the Set-Cookie value that clears the cookie. */
  endSession(sessionId: string | null): Promise<string>;
}

export function createAuth(
  db: Kysely<Database>,
  options: { production: boolean; timeouts: SessionTimeouts },
): Auth {
  const lucia: ParleyLucia = new Lucia(createKyselyAdapter(db, options.timeouts), {
    // The cookie lives as long as a session can; the idle and absolute limits are
    // enforced in the database query above, whatever the browser keeps.
    sessionExpiresIn: new TimeSpan(Math.ceil(options.timeouts.absoluteMs / 1000), "s"),
    sessionCookie: {
      // The __Host- prefix needs Secure, so only in production (local dev is plain http).
      name: options.production ? "__Host-parley_session" : "parley_session",
      attributes: { secure: options.production, sameSite: "lax" },
    },
    getUserAttributes: (attributes) => ({
      displayName: attributes.display_name,
      role: attributes.role,
      team: attributes.team,
      suspendedUntil: attributes.suspended_until,
      bannedAt: attributes.banned_at,
      sanctionReason: attributes.sanction_reason,
      mustVerifyEmail: attributes.must_verify_email,
      secondFactorAt: attributes.second_factor_at,
      secondFactorMethod: attributes.second_factor_method,
      secondFactorStage: attributes.second_factor_stage,
    }),
  });

  return {
    async readSession(cookieHeader) {
      let sessionId: string | null;
      try {
        sessionId = lucia.readSessionCookie(cookieHeader ?? "");
      } catch {
        // A Cookie header that does not decode (e.g. "%ff") is no session, not an error.
        return {
          viewer: null,
          pending: null,
          sessionId: null,
          setCookies: [lucia.createBlankSessionCookie().serialize()],
        };
      }
      if (!sessionId) return { viewer: null, pending: null, sessionId: null, setCookies: [] };
      const { session, user } = await lucia.validateSession(sessionId);
      if (!session) {
        return {
          viewer: null,
          pending: null,
          sessionId: null,
          setCookies: [lucia.createBlankSessionCookie().serialize()],
        };
      }
      const setCookies = session.fresh ? [lucia.createSessionCookie(session.id).serialize()] : [];
      if (user.secondFactorStage !== "done") {
        const pending: PendingSignIn = {
          userId: user.id,
          displayName: user.displayName,
          stage: user.secondFactorStage,
        };
        return { viewer: null, pending, sessionId: session.id, setCookies };
      }
      const viewer: Viewer = {
        id: user.id,
        displayName: user.displayName,
        role: user.role,
        team: user.team,
        suspendedUntil: user.suspendedUntil,
        bannedAt: user.bannedAt,
        sanctionReason: user.sanctionReason,
        mustVerifyEmail: user.mustVerifyEmail,
        secondFactorAt: user.secondFactorAt,
        secondFactorMethod: user.secondFactorMethod,
      };
      return { viewer, pending: null, sessionId: session.id, setCookies };
    },
    async startSession(
      userId,
      previousSessionId,
      userAgent = null,
      secondFactor = null,
      singleSignOn = null,
    ) {
      let provider = singleSignOn;
      if (previousSessionId) {
        if (!provider) {
          const previous = await db
            .selectFrom("sessions")
            .select(["oidc_provider", "oidc_sid", "user_id"])
            .where("id", "=", hashSessionId(previousSessionId))
            .executeTakeFirst();
          if (previous?.oidc_provider && previous.user_id === userId) {
            provider = { provider: previous.oidc_provider, sid: previous.oidc_sid };
          }
        }
        await lucia.invalidateSession(previousSessionId);
      }
      const session = await lucia.createSession(userId, {
        user_agent: userAgent,
        second_factor_at: secondFactor ? new Date() : null,
        second_factor_method: secondFactor,
        oidc_provider: provider?.provider ?? null,
        oidc_sid: provider?.sid ?? null,
      });
      return lucia.createSessionCookie(session.id).serialize();
    },
    async endSession(sessionId) {
      if (sessionId) await lucia.invalidateSession(sessionId);
      return lucia.createBlankSessionCookie().serialize();
    },
  };
}

/** The signed-in viewer, or a redirect to sign in that brings them back afterwards. */
export function requireViewer(context: { viewer: Viewer | null }, request: Request): Viewer {
  if (context.viewer) return context.viewer;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw new Response(null, {
    status: 303,
    headers: { Location: `/sign-in?redirectTo=${encodeURIComponent(back)}` },
  });
}

/** Only same-site paths are followed after sign-in, so the link can't send people elsewhere. */
export function safeRedirectPath(target: string | null | undefined, fallback = "/"): string {
  // Only a plain path: no control characters, whitespace or backslashes anywhere (browsers
  // drop tabs and newlines and read "\\" as "/", so "/\t/evil.example" is "//evil.example").
  if (!target || target.length > 2_000 || !target.startsWith("/")) return fallback;
  if (
    // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
    /[\u0000-\u0020\u007f-\u00a0\\\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/.test(target)
  )
    return fallback;
  // Resolved against a stand-in origin, it must stay there and mean the same path.
  const base = "http://parley.invalid";
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base || resolved.pathname.startsWith("//")) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** The signed-in viewer if they hold the permission; a 403 page saying why if not. */
export function requirePermission(
  context: { viewer: Viewer | null },
  request: Request,
  permission: Permission,
  refusal: string,
): Viewer {
  const viewer = requireViewer(context, request);
  if (!can(viewer, permission)) throw new Response(refusal, { status: 403 });
  return viewer;
}
