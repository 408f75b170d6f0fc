/**
 * What makes a password acceptable (ASVS 6.2): 8 to 64 characters, any characters, no
 * composition rules, and not one of the ~97,000 most common passwords of 8 or more
 * characters (SecLists' top million, MIT licensed), which ship with the app.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  // Resolved from the working directory: the app always runs from the project root
  // (the server bundle lives in build/, so a module-relative path would differ).
  const file = path.resolve("app/data/common-passwords.txt.gz");
  const words = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
  return new Set(words.filter(Boolean));
}

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(password.toLowerCase());
}

/** Why a new password is refused, in words for the person choosing it, or null. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < 8) return "Your password must be at least 8 characters";
  if (length > 64) return "Your password must be at most 64 characters";
  if (isCommonPassword(password))
    return "That password is one of the most common, so it is easy to guess. Choose another: a few random words work well";
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase())
    return "Your password must not be your email address";
  return null;
}
