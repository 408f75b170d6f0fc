/** Field rules shared by several forms, with messages written for the person filling them in. */
import { z } from "zod";
import { parseDbId } from "./query";

export const MAX_POST_LENGTH = 20_000;
export const MAX_TITLE_LENGTH = 150;

// Deliberately simple: something@something.tld, no spaces. Real proof comes from verification mail.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A required string field that is trimmed, then given a clear message when missing. */
function requiredText(missing: string) {
  return z.string({ error: missing }).trim().min(1, missing);
}

export const emailField = requiredText("Enter your email address")
  .max(254, "Email addresses are at most 254 characters")
  .regex(EMAIL_SHAPE, "Enter an email address in the right format, like name@example.com")
  .transform((email) => email.toLowerCase());

export const passwordField = z
  .string({ error: "Enter a password" })
  .min(8, "Your password must be at least 8 characters")
  .max(64, "Your password must be at most 64 characters");

export const displayNameField = requiredText("Enter the name other people will see")
  .min(2, "Your name must be at least 2 characters")
  .max(50, "Your name must be at most 50 characters");

export const titleField = requiredText("Enter a title")
  .min(5, "The title must be at least 5 characters")
  .max(MAX_TITLE_LENGTH, `The title must be at most ${MAX_TITLE_LENGTH} characters`);

/** Quotes and lists inside each other this deep are never writing, only attacks on the parser. */
export const MAX_NESTING = 20;

/** The deepest run of quote and list markers that opens any line ("> > - 1. x" is 4). */
export function markdownNesting(markdown: string): number {
  let deepest = 0;
  for (const line of markdown.split("\n")) {
    const prefix = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$))*/.exec(line)?.[0] ?? "";
    const depth = (prefix.match(/>|[-*+]|\d{1,9}[.)]/g) ?? []).length;
    // Indentation nests lists too: every 2 columns can open a level.
    const indent = Math.floor((/^[ \t]*/.exec(line)?.[0].length ?? 0) / 2);
    deepest = Math.max(deepest, depth, Math.min(indent, depth > 0 ? indent : 0));
  }
  return deepest;
}

export function bodyField(missing: string) {
  return requiredText(missing).superRefine((body, ctx) => {
    if (body.length > MAX_POST_LENGTH) {
      ctx.addIssue({
        code: "custom",
        message: `This is ${body.length.toLocaleString("en-GB")} characters long; the limit is ${MAX_POST_LENGTH.toLocaleString("en-GB")}. Shorten it or split it into several posts.`,
      });
      return;
    }
    if (markdownNesting(body) > MAX_NESTING) {
      ctx.addIssue({
        code: "custom",
        message: `This has quotes or lists nested more than ${MAX_NESTING} levels deep. Flatten them and try again.`,
      });
    }
  });
}

/** An id from a <select>: a positive whole number that fits the database. */
export function idField(missing: string) {
  return z
    .string({ error: missing })
    .refine((value) => parseDbId(value) !== null, missing)
    .transform(Number);
}

/** An optional id from a hidden field: empty means none. */
export const optionalIdField = z
  .string()
  .optional()
  .refine((value) => !value || parseDbId(value) !== null, "That reference isn't valid")
  .transform((value) => (value ? Number(value) : null));
