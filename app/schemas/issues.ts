import { z } from "zod";
import { bodyField, idField, titleField } from "./fields";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateField(missing: string) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(ISO_DATE, "Enter a date like 2027-03-31")
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a real date");
}

export const newIssueSchema = z.object({
  title: titleField,
  summary: bodyField("Write a summary residents can understand"),
  areaId: idField("Choose an area"),
  categoryId: idField("Choose a category"),
  closesOn: dateField("Enter the date the consultation closes"),
  team: z.string().trim().max(80, "The team name must be at most 80 characters").default(""),
  publish: z.enum(["now", "draft"], { error: "Choose whether to open it now or save a draft" }),
});
export type NewIssueInput = z.infer<typeof newIssueSchema>;

export const editIssueSchema = z.object({
  title: titleField,
  summary: bodyField("Write a summary residents can understand"),
  areaId: idField("Choose an area"),
  categoryId: idField("Choose a category"),
  opensOn: dateField("Enter the date the consultation opens"),
  closesOn: dateField("Enter the date the consultation closes"),
  team: z.string().trim().max(80, "The team name must be at most 80 characters").default(""),
  visibility: z.enum(["draft", "published", "closed"], {
    error: "Choose whether residents can see it",
  }),
});
export type EditIssueInput = z.infer<typeof editIssueSchema>;
