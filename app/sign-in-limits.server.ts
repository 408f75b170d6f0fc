/**
 * Brute-force protection for sign-in that strangers cannot turn against an account's
 * owner. Failed attempts count per IP address always, and per address, except from a
 * browser that holds this account's device cookie: its failures count per device. Only
 * failures count; a success forgets the counter it was checked against.
 */
import { accountIdForEmail } from "./domain/users.server";
import type { LimitAnswer, RateLimit } from "./rate-limits.server";
import { takeAll } from "./rate-limit-responses.server";
import type { AppServices } from "./services.server";
import {
  readTrustedDevice,
  trustedDeviceCookie,
  type TrustedDevice,
} from "./trusted-devices.server";

export interface SignInAttempt {
  /** Whether this attempt may be tried at all (nothing is counted). */
  check(): Promise<LimitAnswer>;
  /** Counts a failure against the IP and against the address or this device. */
  failed(): Promise<void>;
  /** Forgets the counted failures and returns the device cookie to set. */
  succeeded(userId: number): Promise<string>;
}

export async function startSignInAttempt(
  services: Pick<AppServices, "db" | "rateLimits" | "secret" | "config">,
  attempt: { email: string; clientIp: string; cookieHeader: string | null },
): Promise<SignInAttempt> {
  const { rateLimits, secret } = services;
  const production = services.config.production;
  const device = await readTrustedDevice(secret, attempt.cookieHeader, production);
  // The cookie counts only for the account it was earned on.
  const trusted: TrustedDevice | null =
    device && device.userId === (await accountIdForEmail(services.db, attempt.email))
      ? device
      : null;
  const [limit, key]: [RateLimit, string] = trusted
    ? [rateLimits.signInPerDevice, trusted.deviceId]
    : [rateLimits.signInPerAccount, attempt.email];
  return {
    check: () => takeAll(limit.check(key), rateLimits.signInPerIp.check(attempt.clientIp)),
    async failed() {
      await takeAll(limit.take(key), rateLimits.signInPerIp.take(attempt.clientIp));
    },
    async succeeded(userId) {
      await limit.reset(key);
      return trustedDeviceCookie(secret, userId, production, trusted);
    },
  };
}
