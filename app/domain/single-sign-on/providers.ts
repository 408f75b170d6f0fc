/**
 * The OpenID Connect providers staff may sign in through, read from PARLEY_OIDC_PROVIDERS
 * (a JSON array, README "Single sign-on"). Each names its issuer, Parley's client id and
 * secret there, the email domains it speaks for, and how its claims become Parley roles.
 */
import { z } from "zod";
import { ROLES, type Role } from "../../../db/schema";

export interface SingleSignOnProvider {
  /** In addresses (/sign-in/sso/<id>) and in the database: letters, digits and dashes. */
  id: string;
  /** Shown on the button: "Sign in with <name>". */
  name: string;
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Only addresses in these domains are accepted (lower case, without "@"). */
  allowedDomains: string[];
  /** The ID token or userinfo claim holding group or role names (e.g. "roles", "groups"). */
  roleClaim: string | null;
  /** A claim value to the Parley role it gives; when several match, the highest wins. */
  roleMapping: Record<string, Role>;
  /** The role of someone no mapping matches; "resident" means "not staff". */
  defaultRole: Role;
  /** `acr` values that mean the provider asked for more than a password. */
  mfaAcrValues: string[];
  /**
   * The boolean claim that says the address is the person's: `email_verified` (the
   * standard), or e.g. `xms_edov` for Entra ID, which does not send the standard one.
   */
  emailVerifiedClaim: string;
}

const roleName = z.enum(ROLES);

const providerSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lower-case letters, digits and dashes"),
    name: z.string().trim().min(1).max(80),
    issuer: z.string().refine(URL.canParse, "must be an absolute URL"),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    allowedDomains: z
      .array(
        z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "must be a domain such as example.gov.uk"),
      )
      .min(1, "must name at least one email domain"),
    roleClaim: z.string().min(1).optional(),
    roleMapping: z.record(z.string(), roleName).default({}),
    defaultRole: roleName.default("resident"),
    mfaAcrValues: z.array(z.string()).default([]),
    emailVerifiedClaim: z.string().min(1).default("email_verified"),
  })
  .refine(
    (provider) => {
      const issuer = new URL(provider.issuer);
      // Plain http only on this machine (tests, a provider beside a dev server).
      return (
        issuer.protocol === "https:" ||
        (issuer.protocol === "http:" &&
          ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname))
      );
    },
    { message: "issuer must use https (http only for localhost)", path: ["issuer"] },
  )
  .refine((provider) => Object.keys(provider.roleMapping).length === 0 || provider.roleClaim, {
    message: "roleMapping needs roleClaim: the claim the mapped values are in",
    path: ["roleClaim"],
  });

const providersSchema = z
  .array(providerSchema)
  .refine((providers) => new Set(providers.map((p) => p.id)).size === providers.length, {
    message: "two providers have the same id",
  });

/** Parses PARLEY_OIDC_PROVIDERS; the problems are described for the configuration error. */
export function parseSingleSignOnProviders(
  json: string | undefined,
): { ok: true; providers: SingleSignOnProvider[] } | { ok: false; problem: string } {
  if (!json) return { ok: true, providers: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problem: "is not valid JSON" };
  }
  const parsed = providersSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problem: parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(list)"} ${issue.message}`)
        .join("; "),
    };
  }
  return {
    ok: true,
    providers: parsed.data.map((provider) => ({
      ...provider,
      issuer: new URL(provider.issuer),
      allowedDomains: provider.allowedDomains.map((domain) => domain.toLowerCase()),
      roleClaim: provider.roleClaim ?? null,
    })),
  };
}

const ROLE_RANK: Record<Role, number> = { resident: 0, moderator: 1, officer: 2, admin: 3 };

/**
 * The Parley role a provider's claims give: the highest mapped value present in the role
 * claim (a string or a list of strings), else the provider's default role.
 */
export function mappedRole(provider: SingleSignOnProvider, claims: Record<string, unknown>): Role {
  const held = provider.roleClaim ? claims[provider.roleClaim] : undefined;
  const values = Array.isArray(held) ? held : held === undefined ? [] : [held];
  let best: Role | null = null;
  for (const value of values) {
    const role = typeof value === "string" ? provider.roleMapping[value] : undefined;
    if (role && (best === null || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  return best ?? provider.defaultRole;
}

/** RFC 8176 methods that are something a person has or is, beyond what they know. */
const STRONG_METHODS = new Set([
  "mfa",
  "hwk",
  "swk",
  "otp",
  "sms",
  "tel",
  "sc",
  "fpt",
  "face",
  "iris",
  "retina",
  "vbm",
]);

/**
 * Whether the ID token shows the provider asked for more than a password: an `amr`
 * naming "mfa" or a possession or inherence method, or an `acr` the admin listed as
 * multi-factor for this provider. Without such a claim, the provider's MFA is not
 * known to have happened, so it never stands in for Parley's own second factor.
 */
export function showsProviderMfa(
  provider: SingleSignOnProvider,
  claims: Record<string, unknown>,
): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.some((method) => typeof method === "string" && STRONG_METHODS.has(method))) return true;
  return typeof claims.acr === "string" && provider.mfaAcrValues.includes(claims.acr);
}

/** The address's domain is one the provider speaks for. */
export function isAllowedAddress(provider: SingleSignOnProvider, email: string): boolean {
  const at = email.lastIndexOf("@");
  return at > 0 && provider.allowedDomains.includes(email.slice(at + 1).toLowerCase());
}
