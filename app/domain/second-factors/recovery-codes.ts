/**
 * Recovery codes: ten, shown once, stored as HMACs under the site's secret (each has 50
 * bits of randomness, so a keyed hash is enough and checking stays fast), each usable
 * once. Typed codes are read leniently: case, spaces and dashes do not matter.
 */
import { createHmac, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

/** Ten new codes, as shown to the person: "xxxxx-xxxxx". */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]+/g, "");
}

export function hashRecoveryCode(secret: string, code: string): string {
  return createHmac("sha256", secret)
    .update(`recovery:${normaliseRecoveryCode(code)}`)
    .digest("hex");
}
