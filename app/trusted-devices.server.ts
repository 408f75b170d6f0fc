/**
 * Device cookies (OWASP's answer to lock-out abuse): a browser that has signed in to an
 * account gets a long-lived cookie naming that account and a random device id, signed
 * with the site secret (Remix's signed cookies). Failed sign-ins from a stranger count
 * against the account's address and can exhaust it; failures from a browser holding the
 * account's device cookie count against that device instead, so the owner, on a browser
 * they have used before, is never locked out by someone else's guessing.
 */
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { z } from "zod";

export interface TrustedDevice {
  userId: number;
  /** Random, per browser: the key its failed sign-ins are counted under. */
  deviceId: string;
}

const deviceShape = z.object({
  userId: z.number().int().positive(),
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});

function deviceCookie(secret: string, production: boolean) {
  // __Host-: only over HTTPS, only for this exact host, path /.
  return createCookie(production ? "__Host-parley_device" : "parley_device", {
    secrets: [secret],
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    maxAge: 365 * 24 * 3_600,
  });
}

/** The device cookie of a request, if it is present and signed by us. */
export async function readTrustedDevice(
  secret: string,
  cookieHeader: string | null,
  production: boolean,
): Promise<TrustedDevice | null> {
  const value: unknown = await deviceCookie(secret, production).parse(cookieHeader);
  const parsed = deviceShape.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Set-Cookie for a browser that just signed in as `userId` (its device id kept if known). */
export function trustedDeviceCookie(
  secret: string,
  userId: number,
  production: boolean,
  existing: TrustedDevice | null,
): Promise<string> {
  const deviceId =
    existing?.userId === userId ? existing.deviceId : randomBytes(16).toString("base64url");
  return deviceCookie(secret, production).serialize({ userId, deviceId } satisfies TrustedDevice);
}
