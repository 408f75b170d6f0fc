import type { IssuePhase } from "./issue-phase";

/** What it takes to describe an issue's consultation window in words. */
export interface IssueWindowFacts {
  phase: IssuePhase;
  opensAt: Date;
  closesAt: Date;
  /** When contributions stopped before closesAt, if they did. */
  closedEarlyAt: Date | null;
}

/**
 * The day an issue stopped (or will stop) taking contributions. Earlier than its closing
 * date when an officer closed it early or published its outcome while it was open. Kept
 * free of runtime imports so that pages can use it in the browser too.
 */
export function issueClosedAt(issue: { closesAt: Date; closedEarlyAt: Date | null }): Date {
  return issue.closedEarlyAt && issue.closedEarlyAt < issue.closesAt
    ? issue.closedEarlyAt
    : issue.closesAt;
}
