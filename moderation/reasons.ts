/** Why a contribution was held or refused, in words its author is shown. */
export const REASON_CODES = [
  "new_account",
  "too_many_links",
  "blocked_term",
  "personal_data",
  "flooding",
  "duplicate",
  "shouting",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_EXPLANATIONS: Record<ReasonCode, string> = {
  new_account:
    "New members' first few posts are checked by a moderator before they appear. This usually takes less than a day.",
  too_many_links:
    "Your post has more links than we allow from newer accounts, so a moderator will check it before it appears.",
  blocked_term:
    "Your post contains words that our house rules ask a moderator to look at before it appears.",
  personal_data:
    "Your post seems to include personal details, such as a phone number, an email or home address, or an NHS or National Insurance number. A moderator will check it first, to protect you and others.",
  flooding:
    "You have posted a lot in a short time, so a moderator will check this post before it appears.",
  duplicate: "You posted the same words a moment ago, so we have not posted them again.",
  shouting:
    "Your post is mostly in capital letters. A moderator will check it before it appears; writing in ordinary case helps people read it.",
};
