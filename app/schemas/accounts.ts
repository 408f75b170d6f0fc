import { z } from "zod";
import { displayNameField, emailField, passwordField } from "./fields";

export const registerSchema = z.object({
  email: emailField,
  displayName: displayNameField,
  password: passwordField,
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const profileSchema = z.object({
  displayName: displayNameField,
  bio: z.string().trim().max(500, "Your introduction must be at most 500 characters").default(""),
});
export type ProfileInput = z.infer<typeof profileSchema>;

/** A token from an emailed link: 32 random bytes in base64url. */
export const accountTokenField = z
  .string({ error: "This link is not complete. Copy the whole link from the email." })
  .regex(/^[A-Za-z0-9_-]{43}$/, "This link is not complete. Copy the whole link from the email.");

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z.object({ token: accountTokenField, password: passwordField });

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: "Enter your current password" })
    .min(1, "Enter your current password")
    .max(1024),
  newPassword: passwordField,
});

export const changeEmailSchema = z.object({
  newEmail: emailField,
  currentPassword: z
    .string({ error: "Enter your current password" })
    .min(1, "Enter your current password")
    .max(1024),
});

export const deleteAccountSchema = z.object({
  contributions: z.enum(["keep", "remove"], {
    error: "Choose what happens to what you wrote",
  }),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024),
});
