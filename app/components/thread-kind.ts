import type { ThreadKind } from "../../db/schema";

export const THREAD_KIND_LABEL: Record<ThreadKind, string> = {
  discussion: "Discussion",
  idea: "Idea",
  question: "Question to staff",
};
