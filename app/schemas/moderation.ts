/** Forms of the moderation tools: settings, house rules, flags, decisions, sanctions, appeals. */
import { z } from "zod";
import { FLAG_REASONS } from "../../db/schema";
import { bodyField, idField, optionalIdField } from "./fields";

function wholeNumber(label: string, min: number, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(/^\d{1,6}$/, `Enter ${label} as a whole number`)
    .transform(Number)
    .refine(
      (n) => n >= min && n <= max,
      `${label[0]?.toUpperCase()}${label.slice(1)} must be between ${min} and ${max}`,
    );
}

function decimal(label: string, min: number, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, `Enter ${label} as a number, like 0.7`)
    .transform(Number)
    .refine(
      (n) => n >= min && n <= max,
      `${label[0]?.toUpperCase()}${label.slice(1)} must be between ${min} and ${max}`,
    );
}

export const MAX_BLOCKED_TERMS = 500;

export const moderationSettingsSchema = z.object({
  newAccountPostsHeld: wholeNumber("the number of posts held", 0, 50),
  linksTrust0: wholeNumber("the links allowed at trust level 0", 0, 100),
  linksTrust1: wholeNumber("the links allowed at trust level 1", 0, 100),
  linksTrust2: wholeNumber("the links allowed at trust level 2", 0, 100),
  linksTrust3: wholeNumber("the links allowed at trust level 3", 0, 100),
  blockedTerms: z
    .string()
    .max(20_000, "The blocked terms list is at most 20,000 characters")
    .transform((text) => [
      ...new Set(
        text
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line.length > 0),
      ),
    ])
    .refine((terms) => terms.length <= MAX_BLOCKED_TERMS, `At most ${MAX_BLOCKED_TERMS} terms`)
    .refine((terms) => terms.every((t) => t.length <= 100), "Each term is at most 100 characters"),
  floodPosts: wholeNumber("the number of posts", 1, 1000),
  floodMinutes: wholeNumber("the number of minutes", 1, 1440),
  duplicateMinutes: wholeNumber("the number of minutes", 0, 10080),
  shoutingMinLetters: wholeNumber("the number of letters", 1, 10000),
  shoutingRatio: decimal("the share of capitals", 0.5, 1),
  flagHideThreshold: decimal("the flag threshold", 0.5, 100),
  // A checkbox: present when ticked, absent when not.
  unverifiedMayPost: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});

export type ModerationSettingsForm = z.infer<typeof moderationSettingsSchema>;

/** What the domain stores: the links per trust level as one list. */
export interface ModerationSettingsInput {
  newAccountPostsHeld: number;
  maxLinksByTrust: number[];
  blockedTerms: string[];
  floodPosts: number;
  floodMinutes: number;
  duplicateMinutes: number;
  shoutingMinLetters: number;
  shoutingRatio: number;
  flagHideThreshold: number;
  unverifiedMayPost: boolean;
}

export function toSettingsInput(form: ModerationSettingsForm): ModerationSettingsInput {
  const { linksTrust0, linksTrust1, linksTrust2, linksTrust3, ...rest } = form;
  return { ...rest, maxLinksByTrust: [linksTrust0, linksTrust1, linksTrust2, linksTrust3] };
}

export const houseRuleSchema = z.object({
  title: z
    .string({ error: "Enter the rule's title" })
    .trim()
    .min(3, "The title must be at least 3 characters")
    .max(120, "The title must be at most 120 characters"),
  body: bodyField("Explain the rule"),
});
export type HouseRuleInput = z.infer<typeof houseRuleSchema>;

const noteField = z
  .string()
  .trim()
  .max(2000, "The note must be at most 2,000 characters")
  .optional()
  .transform((note) => (note ? note : null));

export const flagSchema = z
  .object({
    reason: z.enum(FLAG_REASONS, { error: "Choose why you are flagging this post" }),
    note: noteField,
  })
  .superRefine((flag, ctx) => {
    if (flag.reason === "other" && !flag.note) {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: "Tell the moderators what is wrong",
      });
    }
  });
export type FlagInput = z.infer<typeof flagSchema>;

export const appealSchema = z.object({
  note: z
    .string({ error: "Tell the moderators why the decision should change" })
    .trim()
    .min(10, "Tell the moderators why the decision should change, in at least 10 characters")
    .max(2000, "Your appeal must be at most 2,000 characters"),
});

const version = idField("Reload the page and try again");
const houseRule = idField("Choose the house rule this breaks");

/** Everything a moderator can do to one item, told apart by `intent`. */
export const itemActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("claim"), version }),
    z.object({ intent: z.literal("release"), version }),
    z.object({ intent: z.literal("approve"), version, note: noteField }),
    z.object({ intent: z.literal("reject"), version, houseRuleId: houseRule, note: noteField }),
    z.object({
      intent: z.literal("edit-approve"),
      version,
      body: bodyField("Write the post as it should be published"),
      note: noteField,
    }),
    z.object({ intent: z.literal("hide"), version, houseRuleId: houseRule, note: noteField }),
    z.object({ intent: z.literal("ignore"), version, note: noteField }),
    z.object({
      intent: z.literal("escalate"),
      version,
      officerId: idField("Choose an officer"),
      note: z
        .string({ error: "Tell the officer what you need from them" })
        .trim()
        .min(5, "Tell the officer what you need from them")
        .max(2000, "The note must be at most 2,000 characters"),
    }),
    z.object({
      intent: z.literal("advise"),
      note: z
        .string({ error: "Write your advice" })
        .trim()
        .min(2, "Write your advice")
        .max(2000, "Your advice must be at most 2,000 characters"),
    }),
  ],
  { error: "That action isn't available here." },
);
export type ItemAction = z.infer<typeof itemActionSchema>;

export const bulkActionSchema = z.object({
  intent: z.enum(["bulk-approve", "bulk-reject"], { error: "Choose approve or reject" }),
  houseRuleId: optionalIdField,
});

export const SANCTION_DURATIONS = ["1", "3", "7", "14", "30", "90"] as const;

export const sanctionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("warn"),
      houseRuleId: optionalIdField,
      reason: z
        .string({ error: "Write the warning" })
        .trim()
        .min(5, "Write the warning the resident will read")
        .max(2000, "The warning must be at most 2,000 characters"),
    }),
    z.object({
      intent: z.literal("suspend"),
      houseRuleId: optionalIdField,
      days: z.enum(SANCTION_DURATIONS, { error: "Choose how long the suspension lasts" }),
      reason: z
        .string({ error: "Say why" })
        .trim()
        .min(5, "Say why, in words the resident will read")
        .max(2000, "The reason must be at most 2,000 characters"),
    }),
    z.object({
      intent: z.literal("ban"),
      houseRuleId: optionalIdField,
      reason: z
        .string({ error: "Say why" })
        .trim()
        .min(5, "Say why, in words the resident will read")
        .max(2000, "The reason must be at most 2,000 characters"),
    }),
    z.object({ intent: z.literal("lift"), note: noteField }),
  ],
  { error: "Choose whether to warn, suspend or ban" },
);
export type SanctionInput = z.infer<typeof sanctionSchema>;
