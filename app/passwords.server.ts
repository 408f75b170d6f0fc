/** argon2id password hashing with OWASP's recommended minimum parameters. */
import { hash, verify } from "@node-rs/argon2";

// Algorithm 2 is Argon2id in @node-rs/argon2; spelled out so a library default can't change it.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of nothing anyone knows, verified against when an account doesn't exist so timing doesn't reveal that. */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hashPassword("parley-decoy-password-never-matches");
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
