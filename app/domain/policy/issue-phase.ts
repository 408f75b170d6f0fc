/**
 * Where an issue is in its life, derived from its stored status and its window, so a
 * consultation opens and closes on time without a job having to flip a flag.
 *
 * `issuePhase` decides one loaded issue; `issueInPhase` is the same decision as a
 * query condition, written as plain comparisons on status, opens_at and closes_at (not
 * a CASE) so that PostgreSQL can use the indexes on them.
 */
import { sql, type ExpressionBuilder } from "kysely";
import type { Database, IssueStatus } from "../../../db/schema";
import type { Rule } from "./rule";

export const ISSUE_PHASES = ["draft", "upcoming", "open", "closed", "responded"] as const;
export type IssuePhase = (typeof ISSUE_PHASES)[number];

export interface IssueWindow {
  status: IssueStatus;
  opens_at: Date;
  closes_at: Date;
}

export function issuePhase(issue: IssueWindow, now: Date): IssuePhase {
  if (issue.status === "draft") return "draft";
  if (issue.status === "responded") return "responded";
  if (issue.status === "closed") return "closed";
  if (now < issue.opens_at) return "upcoming";
  if (now >= issue.closes_at) return "closed";
  return "open";
}

/** The stored statuses no window can override. */
const FIXED: Partial<Record<IssuePhase, IssueStatus>> = {
  draft: "draft",
  responded: "responded",
};

function phaseCondition(eb: ExpressionBuilder<Database, "issues">, phase: IssuePhase, now: Date) {
  const fixed = FIXED[phase];
  if (fixed) return eb("issues.status", "=", sql.lit(fixed));
  // Only an issue stored as "open" has a phase that depends on the clock.
  const scheduled = eb("issues.status", "=", sql.lit("open"));
  switch (phase) {
    case "upcoming":
      return eb.and([scheduled, eb("issues.opens_at", ">", now)]);
    case "open":
      return eb.and([
        scheduled,
        eb("issues.opens_at", "<=", now),
        eb("issues.closes_at", ">", now),
      ]);
    default:
      return eb.or([
        eb("issues.status", "=", sql.lit("closed")),
        eb.and([scheduled, eb("issues.opens_at", "<=", now), eb("issues.closes_at", "<=", now)]),
      ]);
  }
}

/** Issues in any of `phases` at `now`. */
export function issueInPhase(
  phases: readonly IssuePhase[],
  now: Date,
): Rule<"issues", IssueWindow> {
  return {
    where: (eb) => eb.or(phases.map((phase) => phaseCondition(eb, phase, now))),
    holds: (issue) => phases.includes(issuePhase(issue, now)),
  };
}

/** Issues taking contributions now: the consultation window is open. */
export const openIssue = (now: Date) => issueInPhase(["open"], now);

/** Consultations that have ended and are waiting for their "you said, we did". */
export const issueAwaitingOutcome = (now: Date) => issueInPhase(["closed"], now);

/**
 * Issues the clock alone moved into `phase`: stored "open", with the window now
 * open or passed. The schedule announces exactly these; an officer's own changes of
 * status announce themselves.
 */
export function issueMovedByClock(
  phase: "open" | "closed",
  now: Date,
): Rule<"issues", IssueWindow> {
  return {
    where: (eb) =>
      eb.and([eb("issues.status", "=", sql.lit("open")), phaseCondition(eb, phase, now)]),
    holds: (issue) => issue.status === "open" && issuePhase(issue, now) === phase,
  };
}

/** What an officer chooses on the issue form: published (open to the public), a draft, or closed early. */
export type IssueVisibilityChoice = "published" | "draft" | "closed";

const STATUS_FOR_CHOICE: Record<IssueVisibilityChoice, IssueStatus> = {
  published: "open",
  draft: "draft",
  closed: "closed",
};

/**
 * The status an edit leaves an issue in. A responded issue keeps that status: only
 * publishing an outcome sets or clears it.
 */
export function issueStatusAfterEdit(
  current: IssueStatus,
  choice: IssueVisibilityChoice,
): IssueStatus {
  return current === "responded" ? current : STATUS_FOR_CHOICE[choice];
}

/** The form's choice for an issue as it stands (a responded issue shows as published). */
export function issueVisibilityChoice(status: IssueStatus): IssueVisibilityChoice {
  return status === "draft" || status === "closed" ? status : "published";
}

/** Whether an outcome has been published for the issue: its status says so. */
export function hasResponded(issue: { status: IssueStatus }): boolean {
  return issue.status === "responded";
}

/** The phases whose start is announced to followers (drafts and upcoming issues are not news yet). */
export const ANNOUNCED_PHASES: readonly IssuePhase[] = ["open", "closed", "responded"];

/**
 * `issues.closed_early_at` after an edit leaves the issue in `status`: an issue that
 * stops taking contributions before its closing date records when; reopening (or
 * returning to draft) clears it; an issue that had already stopped keeps its date.
 */
export function closedEarlyAtAfterEdit(
  status: IssueStatus,
  closesAt: Date,
  previous: Date | null,
  now: Date,
): Date | null {
  if (status === "open" || status === "draft") return null;
  return previous ?? (closesAt > now ? now : null);
}

/**
 * The same rule as `closedEarlyAtAfterEdit`, as the value an UPDATE sets when it marks
 * an issue responded (the row's own closing date decides; the row need not be read first).
 */
export function closedEarlyAtOnResponse(now: Date) {
  return sql<Date | null>`coalesce(issues.closed_early_at, case when issues.closes_at > ${now} then ${now}::timestamptz end)`;
}
