/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), with
 * @oslojs/otp computing the codes. We match a code against the previous, current and
 * next step ourselves so that we know *which* step it was: a code is accepted once,
 * and never again for its step or an earlier one (replays refused).
 */
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { randomBytes, timingSafeEqual } from "node:crypto";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now a code may come from: clocks drift, people type slowly. */
const WINDOW = 1;

/** A new 160-bit secret (RFC 4226's recommended length). */
export function newTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpKeyUri(key: Uint8Array, accountName: string, issuer = "Parley"): string {
  return createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key as Base32 text, for typing into an app that cannot scan. */
export function base32Key(key: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of key) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out.replace(/(.{4})/g, "$1 ").trim();
}

/** The key from its Base32 text (spaces and case ignored): what an app does when typed in. */
export function keyFromBase32(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.toUpperCase().replace(/[\s=]+/g, "")) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not Base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(bytes);
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a step (tests, and nothing else, need to make one). */
export function totpCodeAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

/**
 * The step a typed code belongs to, if it is one of the window's and later than
 * `lastUsedStep`; otherwise null. Every candidate is compared, in constant time, so the
 * answer takes as long whichever matched.
 */
export function matchTotp(
  key: Uint8Array,
  typed: string,
  now: Date,
  lastUsedStep: number | null,
): number | null {
  const code = typed.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  let matched: number | null = null;
  for (let step = current - WINDOW; step <= current + WINDOW; step++) {
    const expected = Buffer.from(totpCodeAt(key, step));
    if (timingSafeEqual(expected, Buffer.from(code)) && matched === null) matched = step;
  }
  if (matched === null) return null;
  return lastUsedStep !== null && matched <= lastUsedStep ? null : matched;
}
