/**
 * The analysis workspace's query string (its filters) and forms. Filters travel as plain
 * query parameters, so a filtered view is a link an officer can share, and bulk coding
 * posts the same parameters back.
 */
import { z } from "zod";
import { THREAD_KINDS } from "../../db/schema";
import type { ContributionFilters } from "../domain/analysis/contributions.server";
import { idField } from "./fields";
import { dbIdText, parseDbId } from "./query";

const dayText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => !Number.isNaN(new Date(`${day}T00:00:00Z`).getTime()))
  .refine((day) => day >= "1970-01-01" && day <= "9999-12-31");

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** The filters, as the workspace's query string (or a bulk-coding form) carries them. */
export const analysisFilterSchema = z.object({
  theme: z.preprocess(emptyToUndefined, z.union([z.literal("uncoded"), dbIdText]).optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(THREAD_KINDS).optional()),
  area: z.preprocess(emptyToUndefined, dbIdText.optional()),
  from: z.preprocess(emptyToUndefined, dayText.optional()),
  to: z.preprocess(emptyToUndefined, dayText.optional()),
  supports: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{1,6}$/)
      .transform(Number)
      .optional(),
  ),
  q: z.string().max(200).optional(),
  withheld: z.preprocess(emptyToUndefined, z.literal("1").optional()),
});

export const analysisQuerySchema = analysisFilterSchema.extend({
  page: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .optional(),
  ),
});

export type AnalysisFilterQuery = z.infer<typeof analysisFilterSchema>;

export function toFilters(query: AnalysisFilterQuery): ContributionFilters {
  return {
    theme: query.theme ?? null,
    kind: query.kind ?? null,
    areaId: query.area ?? null,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : null,
    to: query.to ? new Date(`${query.to}T00:00:00Z`) : null,
    minSupports: query.supports ?? null,
    q: query.q?.trim() ?? "",
    includeWithheld: query.withheld === "1",
  };
}

/** The filters back as query parameters (empty ones left out), for links and forms. */
export function filterParams(query: AnalysisFilterQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params[name] = String(value);
  }
  return params;
}

/** Every id under `name` in a form (checkboxes); anything malformed is dropped. */
export function idsFrom(formData: FormData, name: string, limit = 1_000): number[] {
  return [
    ...new Set(
      formData
        .getAll(name)
        .map(String)
        .map(parseDbId)
        .filter((id): id is number => id !== null),
    ),
  ].slice(0, limit);
}

export const themeNameField = z
  .string({ error: "Name the theme" })
  .trim()
  .min(2, "A theme's name is at least 2 characters")
  .max(80, "A theme's name is at most 80 characters");

export const themeDescriptionField = z
  .string()
  .max(2_000, "A description is at most 2,000 characters")
  .optional()
  .transform((value) => value?.trim() ?? "");

/** The workspace list's forms. Theme ids of a coding form are read with idsFrom. */
export const workspaceActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("code"), postId: idField("Choose a contribution") }),
    z.object({
      intent: z.literal("toggle"),
      postId: idField("Choose a contribution"),
      themeId: idField("Choose a theme"),
    }),
    z.object({
      intent: z.literal("evidence"),
      postId: idField("Choose a contribution"),
      evidenceRich: z.enum(["yes", "no"]),
    }),
    z.object({
      intent: z.literal("suggestion"),
      suggestionId: idField("Choose a suggestion"),
      decision: z.enum(["accept", "reject"], { error: "Accept or reject the suggestion" }),
    }),
    z.object({ intent: z.literal("bulk"), bulkTheme: idField("Choose the theme to code them to") }),
    z.object({ intent: z.literal("suggest") }),
  ],
  { error: "That action isn't available here." },
);

/** The themes page's forms. */
export const themesActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      name: themeNameField,
      description: themeDescriptionField,
    }),
    z.object({
      intent: z.literal("update"),
      themeId: idField("Choose a theme"),
      name: themeNameField,
      description: themeDescriptionField,
      version: z
        .string()
        .regex(/^\d{1,9}$/)
        .transform(Number),
    }),
    z.object({ intent: z.literal("merge"), targetId: idField("Choose the theme to keep") }),
    z.object({
      intent: z.literal("split"),
      themeId: idField("Choose a theme"),
      name: themeNameField,
      description: themeDescriptionField,
    }),
    z.object({
      intent: z.literal("pin"),
      themeId: idField("Choose a theme"),
      postId: idField("Choose a contribution"),
      pinned: z.enum(["yes", "no"]),
    }),
    z.object({
      intent: z.literal("decide-theme"),
      suggestedThemeId: idField("Choose a suggested theme"),
      decision: z.enum(["accept", "reject"], { error: "Accept or reject the suggestion" }),
      name: z.string().trim().max(80, "A theme's name is at most 80 characters").optional(),
    }),
    z.object({ intent: z.literal("suggest") }),
  ],
  { error: "That action isn't available here." },
);
