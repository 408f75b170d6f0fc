/**
 * Parses a submitted form with a zod schema. On failure it returns one message per
 * field and the values the user typed (never passwords), so the form can be shown
 * again, filled in, with each message beside its field.
 */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; fieldErrors: FieldErrors; values: FormValues };

/** Fields whose values are never sent back to the browser. */
const SECRET_FIELDS = new Set([
  "password",
  "newPassword",
  "currentPassword",
  // One-time codes: a refused one is of no use typed again.
  "code",
  "confirmationCode",
  // A passkey's answer is for one challenge only.
  "passkeyChallengeId",
  "passkeyResponse",
]);

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !SECRET_FIELDS.has(name)) values[name] = value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): FormResult<z.infer<S>> {
  const values = formValues(formData);
  const raw: Record<string, unknown> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string") raw[name] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data, values };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors, values };
}
