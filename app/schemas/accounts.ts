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
