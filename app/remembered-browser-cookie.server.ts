/**
 * The cookie of a remembered browser (second-factors/remembered-browsers.server.ts): an
 * HttpOnly random token, signed with the site secret so a made-up value is never even
 * looked up.
 */
import { createCookie } from "@remix-run/node";

function rememberCookie(secret: string, production: boolean, days: number) {
  return createCookie(production ? "__Host-parley_remember" : "parley_remember", {
    secrets: [secret],
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    maxAge: Math.max(1, days) * 86_400,
  });
}

export async function readRememberedBrowserToken(
  secret: string,
  production: boolean,
  cookieHeader: string | null,
): Promise<string | null> {
  const value: unknown = await rememberCookie(secret, production, 1).parse(cookieHeader);
  return typeof value === "string" ? value : null;
}

export function rememberedBrowserCookie(
  secret: string,
  production: boolean,
  token: string,
  days: number,
): Promise<string> {
  return rememberCookie(secret, production, days).serialize(token);
}
