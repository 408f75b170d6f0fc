/** The outcome editor's form: "you said", "we did", a status, progress and next steps. */
import { z } from "zod";
import { OUTCOME_STATUSES, type NextStep } from "../../db/schema";
import { bodyField } from "./fields";
import { parseDbId } from "./query";

/** Next steps are typed one per line, optionally starting with a date: "2027-03-01 | Resurface". */
function parseNextSteps(text: string): NextStep[] | string {
  const steps: NextStep[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const dated = /^(\d{4}-\d{2}-\d{2})\s*\|\s*(.+)$/.exec(line);
    if (dated?.[1] && dated[2]) {
      if (Number.isNaN(new Date(`${dated[1]}T00:00:00Z`).getTime()))
        return `Line ${index + 1}: ${dated[1]} is not a real date`;
      steps.push({ due: dated[1], text: dated[2].slice(0, 300) });
    } else {
      steps.push({ due: null, text: line.slice(0, 300) });
    }
  }
  return steps.length > 20 ? "At most 20 next steps" : steps;
}

export const outcomeSchema = z
  .object({
    title: z
      .string({ error: "Give the outcome a title" })
      .trim()
      .min(5, "The title must be at least 5 characters")
      .max(150, "The title must be at most 150 characters"),
    status: z.enum(OUTCOME_STATUSES, { error: "Choose a status" }),
    statusReason: z
      .string()
      .trim()
      .max(2000, "The reason must be at most 2,000 characters")
      .optional()
      .transform((v) => (v ? v : null)),
    progress: z
      .string({ error: "Enter the progress" })
      .trim()
      .regex(/^\d{1,3}$/, "Enter the progress as a whole number from 0 to 100")
      .transform(Number)
      .refine((n) => n <= 100, "Progress is at most 100"),
    youSaid: bodyField("Summarise what residents said"),
    weDid: bodyField("Say what the council decided and did"),
    nextSteps: z
      .string()
      .max(10_000, "Next steps are at most 10,000 characters")
      .optional()
      .transform((text, ctx) => {
        const parsed = parseNextSteps(text ?? "");
        if (typeof parsed === "string") {
          ctx.addIssue({ code: "custom", message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    team: z
      .string({ error: "Name the responsible team" })
      .trim()
      .min(2, "Name the responsible team")
      .max(80, "The team name must be at most 80 characters"),
    version: z
      .string()
      .regex(/^\d{0,9}$/)
      .optional()
      .transform((v) => (v ? Number(v) : null)),
  })
  .superRefine((outcome, ctx) => {
    if (outcome.status === "not_taken_forward" && !outcome.statusReason) {
      ctx.addIssue({
        code: "custom",
        path: ["statusReason"],
        message: "Say why this is not being taken forward",
      });
    }
  });
export type OutcomeInput = z.infer<typeof outcomeSchema>;

/** Cited post ids from the editor's checkboxes; anything malformed is dropped. */
export function citedPostIds(formData: FormData): number[] {
  return [
    ...new Set(
      formData
        .getAll("cite")
        .map(String)
        .map(parseDbId)
        .filter((id): id is number => id !== null),
    ),
  ].slice(0, 50);
}

/** The optional idea an outcome is about; empty means the whole issue. */
export function ideaId(formData: FormData): number | null {
  return parseDbId(String(formData.get("threadId") ?? ""));
}

/**
 * The themes an outcome answers, from the editor's checkboxes; null when the editor did
 * not offer themes (no analysis), which leaves the outcome's themes as they are.
 */
export function answeredThemeIds(formData: FormData): number[] | null {
  if (formData.get("themesShown") !== "1") return null;
  return [
    ...new Set(
      formData
        .getAll("answersTheme")
        .map(String)
        .map(parseDbId)
        .filter((id): id is number => id !== null),
    ),
  ].slice(0, 30);
}
