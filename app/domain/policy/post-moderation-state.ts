/**
 * Where a post stands in moderation, as one exact state: the thread page and the
 * author's review page both show this, so a rejected post can never still be
 * described as waiting. Derived from the post's status, the latest moderator decision
 * about it (an item from the rules or from flags) and the appeal of that decision.
 */
import type { ModerationItemStatus, ModerationSource, PostStatus } from "../../../db/schema";

export interface ModerationDecision {
  itemId: number;
  source: Exclude<ModerationSource, "appeal">;
  status: ModerationItemStatus;
  /** What the author is told about each rule that held the post. */
  explanations: string[];
  autoHidden: boolean;
  houseRule: { id: number; title: string } | null;
  note: string | null;
  decidedAt: Date | null;
}

export interface ModerationAppeal {
  itemId: number;
  status: ModerationItemStatus;
  note: string | null;
  decidedAt: Date | null;
}

/** A moderator's reasons for taking a post down, as the author is shown them. */
interface TakenDown {
  houseRule: { id: number; title: string } | null;
  note: string | null;
  decidedAt: Date | null;
}

export type PostModerationState =
  /** Held before publication (a new account, a rule); no moderator has decided yet. */
  | { kind: "awaiting"; explanations: string[] }
  /** Residents' flags hid it automatically; a moderator has not checked it yet. */
  | { kind: "hidden-after-flags" }
  /** A moderator rejected it before it appeared; the author may appeal once. */
  | ({ kind: "rejected" } & TakenDown)
  /** A moderator hid it after it appeared; the author may appeal once. */
  | ({ kind: "hidden" } & TakenDown)
  | ({ kind: "appeal-pending"; decision: "rejected" | "hidden" } & TakenDown)
  /** The appeal was turned down: the decision stands, and is final. */
  | ({
      kind: "appeal-turned-down";
      decision: "rejected" | "hidden";
      appealNote: string | null;
    } & TakenDown)
  /** The appeal succeeded: the post is public again. */
  | { kind: "restored-on-appeal"; appealNote: string | null; decidedAt: Date | null };

export type PostModerationKind = PostModerationState["kind"];

/** The states in which the author may still appeal. */
export const APPEALABLE_STATES: readonly PostModerationKind[] = ["rejected", "hidden"];

const TAKEN_DOWN_BY: Partial<Record<PostStatus, "rejected" | "hidden">> = {
  rejected: "rejected",
  hidden: "hidden",
};

/**
 * The one state that describes a post, or null when there is nothing to tell (a public
 * post that never met a moderator, or one a moderator approved).
 */
export function postModerationState(
  postStatus: PostStatus,
  decision: ModerationDecision | null,
  appeal: ModerationAppeal | null,
): PostModerationState | null {
  const takenDown = TAKEN_DOWN_BY[postStatus];
  if (postStatus === "published" || postStatus === "deleted") {
    return appeal && decision && appeal.decidedAt !== null && postStatus === "published"
      ? { kind: "restored-on-appeal", appealNote: appeal.note, decidedAt: appeal.decidedAt }
      : null;
  }
  if (postStatus === "pending")
    return { kind: "awaiting", explanations: decision?.explanations ?? [] };
  if (!takenDown) return null;
  if (takenDown === "hidden" && decision?.status === "open" && decision.autoHidden)
    return { kind: "hidden-after-flags" };
  const reasons: TakenDown = {
    houseRule: decision?.houseRule ?? null,
    note: decision?.note ?? null,
    decidedAt: decision?.decidedAt ?? null,
  };
  if (appeal?.status === "open") return { kind: "appeal-pending", decision: takenDown, ...reasons };
  if (appeal)
    return { kind: "appeal-turned-down", decision: takenDown, appealNote: appeal.note, ...reasons };
  return { kind: takenDown, ...reasons };
}
