/**
 * The words for each moderation state of a post, written once: the thread page, the
 * author's review page and moderators' views all say the same thing, and only the
 * explanation that matches the state.
 */
import type {
  PostModerationKind,
  PostModerationState,
} from "~/domain/policy/post-moderation-state";

type Decision = "rejected" | "hidden";

const DECIDED: Record<Decision, string> = {
  rejected: "Rejected by a moderator",
  hidden: "Hidden by a moderator",
};

/** The state in a few words: the first thing the author (or a moderator) reads. */
export function postStateHeadline(state: PostModerationState, own: boolean): string {
  switch (state.kind) {
    case "awaiting":
      return "Awaiting moderation";
    case "hidden-after-flags":
      return "Hidden after residents flagged it, until a moderator checks it";
    case "rejected":
    case "hidden":
      return DECIDED[state.kind];
    case "appeal-pending":
      return `${DECIDED[state.decision]}: ${own ? "your" : "the author’s"} appeal is waiting for a different moderator`;
    case "appeal-turned-down":
      return `${DECIDED[state.decision]}: the appeal was turned down, and the decision is final`;
    case "restored-on-appeal":
      return "Public again: the appeal succeeded";
  }
}

/** What happens next, for the author, in one sentence per state. */
export const NEXT_FOR_AUTHOR: Record<PostModerationKind, string> = {
  awaiting: "Only you and the moderators can see it until a moderator approves it.",
  "hidden-after-flags":
    "Only you and the moderators can see it now. If the moderator finds it keeps to the house rules, it comes back.",
  rejected: "Only you and the moderators can see it. You can appeal once.",
  hidden: "Only you and the moderators can see it. You can appeal once.",
  "appeal-pending":
    "Only you and the moderators can see it. A moderator other than the one who decided will look at your appeal, and you will be told the outcome.",
  "appeal-turned-down": "Only you and the moderators can see it.",
  "restored-on-appeal": "Everyone can see it again.",
};

/** Whether the state comes with a moderator's reasons (a rule, a note). */
export function hasReasons(
  state: PostModerationState,
): state is Extract<PostModerationState, { houseRule: unknown }> {
  return "houseRule" in state;
}
