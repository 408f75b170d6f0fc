/**
 * Where an issue is in its life, derived from its stored status and its window, so a
 * consultation closes on time without a job having to flip a flag. Shared with the UI.
 */
export type IssuePhase = "draft" | "upcoming" | "open" | "closed" | "responded";

export function issuePhase(
  issue: { status: string; opens_at: Date; closes_at: Date },
  now: Date,
): IssuePhase {
  if (issue.status === "draft") return "draft";
  if (issue.status === "responded") return "responded";
  if (issue.status === "closed") return "closed";
  if (now < issue.opens_at) return "upcoming";
  if (now >= issue.closes_at) return "closed";
  return "open";
}
