import { z } from "zod";
import { THREAD_KINDS } from "../../db/schema";
import { bodyField, titleField } from "./fields";

export const newThreadSchema = z.object({
  kind: z.enum(THREAD_KINDS, { error: "Choose what kind of thread this is" }),
  title: titleField,
  body: bodyField("Write the first post of your thread"),
});
export type NewThreadInput = z.infer<typeof newThreadSchema>;

export const replySchema = z.object({
  body: bodyField("Write your reply"),
});
export type ReplyInput = z.infer<typeof replySchema>;
