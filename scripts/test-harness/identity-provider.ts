/**
 * A real OpenID Connect provider for tests: `oidc-provider` on 127.0.0.1, with its
 * development sign-in pages (any login name and password are accepted; the login name
 * is the person's address and subject). Parley knows it as provider "council":
 * - only addresses at northbridge.gov.uk are Parley's staff domain;
 * - `officer.…@` addresses carry the "parley-officers" role, mapped to Parley's officer;
 *   anyone else has no role there, so is not staff;
 * - back-channel logout is on: signing out there ends the Parley sessions it started.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export const IDENTITY_PROVIDER_ID = "council";
export const STAFF_DOMAIN = "northbridge.gov.uk";
const CLIENT_ID = "parley-e2e";
const CLIENT_SECRET = "parley-e2e-client-secret-not-a-secret";

export interface TestIdentityProvider {
  issuer: string;
  /** PARLEY_OIDC_PROVIDERS for a Parley served at the app URL given at start. */
  parleyConfiguration: string;
  stop(): Promise<void>;
}

function displayNameOf(address: string): string {
  const local = address.slice(0, address.indexOf("@")).replace(/^officer\./, "");
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(" ");
}

export async function startIdentityProvider(appUrl: string): Promise<TestIdentityProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbackBase = `${appUrl}/sign-in/sso/${IDENTITY_PROVIDER_ID}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${callbackBase}/callback`],
        post_logout_redirect_uris: [appUrl],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        backchannel_logout_uri: `${callbackBase}/back-channel-logout`,
        backchannel_logout_session_required: true,
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "roles"],
    },
    // Claims in the ID token itself, as Entra ID and Google put them.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    pkce: { required: () => true },
    // The provider refuses to call loopback addresses (SSRF protection), and in tests
    // Parley's back-channel logout address is exactly that: call it without the guard.
    fetch: (url, options) => {
      const { dispatcher: _guard, ...rest } = (options ?? {}) as RequestInit & {
        dispatcher?: unknown;
      };
      return globalThis.fetch(url, rest);
    },
    cookies: { keys: ["parley-test-identity-provider-cookie-key"] },
    async findAccount(_ctx, subject) {
      const address = subject.toLowerCase();
      return {
        accountId: subject,
        async claims() {
          return {
            sub: subject,
            email: address,
            email_verified: true,
            name: displayNameOf(address),
            roles: address.startsWith("officer.") ? ["parley-officers"] : [],
          };
        },
      };
    },
  });
  // A back-channel call Parley refused is a test failure to explain, not to guess at.
  provider.on("backchannel.error", (_ctx, error: Error) => {
    console.error(`identity provider: back-channel logout failed: ${error.message}`, error.cause);
  });
  server.on("request", provider.callback());
  return {
    issuer,
    parleyConfiguration: JSON.stringify([
      {
        id: IDENTITY_PROVIDER_ID,
        name: "Northbridge Council",
        issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        allowedDomains: [STAFF_DOMAIN],
        roleClaim: "roles",
        roleMapping: { "parley-officers": "officer" },
        defaultRole: "resident",
      },
    ]),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A browser's walk through the provider's development pages, with fetch and a cookie
 * jar, for tests without a browser: from `start` (an authorization address, or the
 * end-session page), submitting each page's form (signing in as `login`, consenting,
 * confirming a sign-out), until a redirect leaves the provider. Returns that address.
 */
export class ProviderBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly issuer: string) {}

  async walk(start: string, login: string): Promise<URL> {
    let url = start;
    let body: URLSearchParams | undefined;
    for (let step = 0; step < 12; step++) {
      const response = await fetch(url, {
        method: body ? "POST" : "GET",
        body,
        redirect: "manual",
        headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      for (const header of response.headers.getSetCookie()) {
        const [pair = ""] = header.split(";");
        const at = pair.indexOf("=");
        this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = response.headers.get("location");
      if (location) {
        const next = new URL(location, url);
        if (!next.href.startsWith(this.issuer)) return next;
        url = next.href;
        body = undefined;
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) return new URL(url);
      body = new URLSearchParams();
      for (const input of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
        body.set(input[1]!, input[2]!);
      }
      if (body.get("prompt") === "login") {
        body.set("login", login);
        body.set("password", "anything at all");
      }
      if (html.includes('name="logout"')) body.set("logout", "yes");
      url = new URL(action, url).href;
    }
    throw new Error(`the provider's pages did not end after 12 steps, at ${url}`);
  }
}
