/** Words for moderation states and reasons, shared by server and pages. */
import type { FlagReason, ModerationItemStatus, ModerationSource } from "../../db/schema";
import { REASON_CODES, REASON_EXPLANATIONS, type ReasonCode } from "../../moderation/reasons";

export const FLAG_REASON_LABEL: Record<FlagReason, string> = {
  abusive: "Abusive or offensive",
  spam: "Spam or advertising",
  off_topic: "Off topic",
  personal_information: "Shares someone's personal information",
  illegal: "Illegal",
  other: "Something else",
};

export const RULE_REASON_LABEL: Record<ReasonCode, string> = {
  new_account: "New account",
  too_many_links: "Too many links",
  blocked_term: "Blocked term",
  personal_data: "Personal data",
  flooding: "Posting very fast",
  duplicate: "Duplicate",
  shouting: "All capitals",
};

export const SOURCE_LABEL: Record<ModerationSource, string> = {
  rule: "Held by the rules",
  flag: "Flagged",
  appeal: "Appeal",
};

export const ITEM_STATUS_LABEL: Record<ModerationItemStatus, string> = {
  open: "Waiting for a moderator",
  approved: "Approved",
  edited: "Edited and approved",
  rejected: "Rejected",
  hidden: "Hidden",
  ignored: "Flags dismissed",
  withdrawn: "Withdrawn by its author",
};

function isReasonCode(code: string): code is ReasonCode {
  return (REASON_CODES as readonly string[]).includes(code);
}

function isFlagReason(code: string): code is FlagReason {
  return code in FLAG_REASON_LABEL;
}

/** A short label for a reason code from either the rules or a flag. */
export function reasonLabel(code: string): string {
  if (isReasonCode(code)) return RULE_REASON_LABEL[code];
  if (isFlagReason(code)) return FLAG_REASON_LABEL[code];
  return code;
}

/** What an author is told about a rule reason; flags are explained by the moderator's decision. */
export function reasonExplanation(code: string): string | null {
  return isReasonCode(code) ? REASON_EXPLANATIONS[code] : null;
}

/** What an audit log row can be about. */
export const AUDIT_TARGET_TYPES = ["post", "user", "item", "settings", "house_rule"] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
