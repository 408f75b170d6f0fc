/**
 * Small secrets kept encrypted with AES-256-GCM under a key derived (HKDF) from the site
 * secret: authenticator keys at rest, and the key travelling in the enrolment form. The
 * "context" is authenticated with it, so a box made for one account or purpose opens
 * for no other.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

function boxKey(siteSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", siteSecret, "parley", "second-factor secret box", 32));
}

export function sealSecret(siteSecret: string, context: string, plain: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKey(siteSecret), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The secret, or null when the box is damaged, forged or made for another context. */
export function openSecret(siteSecret: string, context: string, sealed: string): Uint8Array | null {
  const bytes = Buffer.from(sealed, "base64url");
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", boxKey(siteSecret), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]));
  } catch {
    return null;
  }
}
