/** Administrators' forms about accounts and sign-in settings. */
import { z } from "zod";
import { ROLES } from "../../db/schema";
import { ACCOUNT_LISTS } from "../domain/account-labels";
import { oneTimeCode } from "./second-factors";

export const accountSearchSchema = z.object({
  q: z.string().max(200).catch(""),
  list: z.enum(ACCOUNT_LISTS).catch("all"),
});

export const roleChangeSchema = z.object({
  role: z.enum(ROLES, { error: "Choose a role" }),
  confirmationCode: oneTimeCode,
});

export const factorResetSchema = z.object({
  reason: z
    .string({ error: "Say why, for the audit log" })
    .trim()
    .min(1, "Say why, for the audit log: for example how you checked who asked")
    .max(500, "The reason must be at most 500 characters"),
  confirmationCode: oneTimeCode,
});

/** The roles' checkboxes are read with getAll and passed in as `secondFactorRoles`. */
export const signInSettingsSchema = z.object({
  secondFactorRoles: z.array(z.enum(ROLES)).max(ROLES.length),
  rememberBrowserDays: z.coerce
    .number({ error: "Enter a number of days from 0 to 90" })
    .int("Enter a whole number of days from 0 to 90")
    .min(0, "Enter a number of days from 0 to 90")
    .max(90, "Enter a number of days from 0 to 90"),
  passkeyFirstFactor: z.boolean(),
  trustProviderMfa: z.boolean(),
  singleSignOnForEveryone: z.boolean(),
  confirmationCode: oneTimeCode,
});
