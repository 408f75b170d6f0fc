/** Forms of second factors: codes at sign-in, setting up an app, confirming a change. */
import { z } from "zod";

/**
 * An authenticator code or a recovery code; which one is decided by its shape. It may be
 * empty when a passkey answered instead: takeSecondFactor asks for one or the other.
 */
export const oneTimeCode = z
  .string()
  .trim()
  .max(64, "That is too long for a code: check it and try again")
  .default("");

export const signInCodeSchema = z.object({
  code: oneTimeCode,
  remember: z.literal("on").optional(),
});

export const authenticatorSetUpSchema = z.object({
  token: z.string().max(400),
  code: z
    .string({ error: "Enter the 6-digit code your app shows" })
    .trim()
    .min(1, "Enter the 6-digit code your app shows")
    .max(20, "Enter the 6-digit code your app shows"),
});

/** Re-authentication before a sensitive change: a fresh second factor. */
export const confirmationCodeSchema = z.object({ confirmationCode: oneTimeCode });
