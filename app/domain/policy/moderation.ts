/**
 * The decisions a moderator may make on an item, as one table: the item page renders its
 * buttons from `allowedDecisions` and `decideItem` refuses anything not in it, so the two
 * cannot drift (Discourse's reviewable `build_actions` does the same).
 */
import type { ModerationItemStatus, ModerationSource } from "../../../db/schema";
import { mayModerate } from "./capabilities";
import type { Subject } from "./rule";

export type DecisionIntent = "approve" | "reject" | "edit-approve" | "hide" | "ignore";

/** What each kind of item can be decided as, in the order the page offers them. */
export const DECISIONS_BY_SOURCE: Record<ModerationSource, readonly DecisionIntent[]> = {
  flag: ["ignore", "hide", "edit-approve"],
  rule: ["approve", "reject", "edit-approve"],
  appeal: ["approve", "reject", "edit-approve"],
};

/** Why a decision was refused, per kind of item. */
export const DECISIONS_EXPLAINED: Record<ModerationSource, string> = {
  rule: "A held post can be approved, edited and approved, or rejected.",
  flag: "A flagged post can be kept (flags dismissed), edited, or hidden.",
  appeal: "An appeal can restore the post (approve), restore it edited, or be turned down.",
};

export interface DecidableItem {
  source: ModerationSource;
  status: ModerationItemStatus;
  /** For an appeal: the moderator who made the decision appealed, who may not judge it. */
  excludedModeratorId: number | null;
}

/**
 * Whether the subject is the moderator an appeal excludes, and so must leave it to
 * another (when there is one: a site with a single moderator still needs decisions).
 */
export function isExcludedFromItem(
  subject: Subject,
  item: DecidableItem,
  anotherModeratorExists: boolean,
): boolean {
  return (
    item.source === "appeal" &&
    subject !== null &&
    item.excludedModeratorId === subject.id &&
    anotherModeratorExists
  );
}

/** The decisions the subject may make on the item now (none once it is closed). */
export function allowedDecisions(
  subject: Subject,
  item: DecidableItem,
  anotherModeratorExists: boolean,
): readonly DecisionIntent[] {
  if (!mayModerate(subject) || item.status !== "open") return [];
  if (isExcludedFromItem(subject, item, anotherModeratorExists)) return [];
  return DECISIONS_BY_SOURCE[item.source];
}

/**
 * Held posts (items the rules raised) can be approved or rejected many at a time from
 * the queue; flags and appeals need a look each.
 */
export function mayDecideInBulk(subject: Subject, item: Pick<DecidableItem, "source" | "status">) {
  return mayModerate(subject) && item.status === "open" && item.source === "rule";
}
