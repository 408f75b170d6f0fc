import { z } from "zod";
import { THREAD_KINDS } from "../../db/schema";
import { bodyField, idField, optionalIdField, titleField } from "./fields";

export const newThreadSchema = z.object({
  kind: z.enum(THREAD_KINDS, { error: "Choose what kind of thread this is" }),
  title: titleField,
  body: bodyField("Write the first post of your thread"),
});
export type NewThreadInput = z.infer<typeof newThreadSchema>;

export const replySchema = z.object({
  body: bodyField("Write your reply"),
  replyToId: optionalIdField,
});
export type ReplyInput = z.infer<typeof replySchema>;

/** Everything the thread page's forms can ask for, told apart by `intent`. */
export const threadActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("reply"),
      body: bodyField("Write your reply"),
      replyToId: optionalIdField,
    }),
    z.object({ intent: z.literal("support") }),
    z.object({ intent: z.literal("withdraw-support") }),
    z.object({ intent: z.literal("mark-answer"), postId: idField("Choose a reply") }),
    z.object({ intent: z.literal("clear-answer") }),
    z.object({ intent: z.literal("follow-thread") }),
    z.object({ intent: z.literal("unfollow-thread") }),
  ],
  { error: "That action isn't available here." },
);
export type ThreadAction = z.infer<typeof threadActionSchema>;

export const editPostSchema = z.object({
  body: bodyField("Write your post"),
  version: idField("Reload the page and try again"),
});
export type EditPostInput = z.infer<typeof editPostSchema>;
