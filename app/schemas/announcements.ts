import { z } from "zod";
import { ANNOUNCEMENT_SEVERITIES } from "../../db/schema";
import { bodyField, optionalIdField, titleField } from "./fields";

export const newAnnouncementSchema = z.object({
  scope: z.enum(["site", "area", "issue"], { error: "Choose where the announcement shows" }),
  areaId: optionalIdField,
  issueId: optionalIdField,
  severity: z.enum(ANNOUNCEMENT_SEVERITIES, { error: "Choose how serious it is" }),
  title: titleField,
  body: bodyField("Write the announcement"),
});
export type NewAnnouncementInput = z.infer<typeof newAnnouncementSchema>;
