/** The rules for who may contribute where, shared by threads and posts. */
import { sql, type Transaction } from "kysely";
import type { Viewer } from "../auth.server";
import type { Database, Issue, ThreadKind } from "../../db/schema";
import { ForbiddenError, NotFoundError } from "./errors";
import { issueClosedAt, issuePhase, publishedThread, type IssuePhase } from "./policy";

const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeZone: "Europe/London",
});

const UNTIL_FORMAT = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/London",
});

/** "30 November 2026 at 12:00", UK time: how a suspension's end is told to its owner. */
export function formatUntil(date: Date): string {
  return UNTIL_FORMAT.format(date);
}

/**
 * Why the actor may not write right now (banned, or suspended until a date), or null.
 * Pages show it instead of their forms; actions refuse with it.
 */
export function restrictionOf(
  actor: Pick<Viewer, "bannedAt" | "suspendedUntil" | "sanctionReason" | "mustVerifyEmail">,
  now: Date,
): string | null {
  const why = actor.sanctionReason ? ` The moderators' reason: “${actor.sanctionReason}”` : "";
  if (actor.bannedAt) {
    return `Your account has been banned, so you can read but not post, flag or support.${why}`;
  }
  if (actor.suspendedUntil && actor.suspendedUntil > now) {
    return `Your account is suspended until ${formatUntil(actor.suspendedUntil)}, so until then you can read but not post, flag or support.${why}`;
  }
  if (actor.mustVerifyEmail) {
    return "Confirm your email address to post, flag or support: follow the link in the email we sent you.";
  }
  return null;
}

/** Throws unless the actor's account may write right now. */
export function assertMayContribute(actor: Viewer, now: Date): void {
  const restriction = restrictionOf(actor, now);
  if (restriction) throw new ForbiddenError(restriction);
}

type IssueDates = Pick<Issue, "opens_at" | "closes_at" | "closed_early_at">;
const closedMessage = (issue: IssueDates) =>
  `This consultation closed on ${DATE_FORMAT.format(
    issueClosedAt({ closesAt: issue.closes_at, closedEarlyAt: issue.closed_early_at }),
  )}, so it no longer takes new posts.`;
const WHY_NOT_OPEN: Record<Exclude<IssuePhase, "open">, (issue: IssueDates) => string> = {
  upcoming: (issue) => `This consultation opens on ${DATE_FORMAT.format(issue.opens_at)}.`,
  draft: () => "This issue has not been published yet.",
  closed: closedMessage,
  responded: closedMessage,
};

/** Throws unless the issue is inside its consultation window. */
export function assertIssueAcceptsContributions(
  issue: Pick<Issue, "status" | "opens_at" | "closes_at" | "closed_early_at">,
  now: Date,
): void {
  const phase = issuePhase(issue, now);
  if (phase === "open") return;
  throw new ForbiddenError(WHY_NOT_OPEN[phase](issue));
}

export interface LockedThread {
  id: number;
  kind: ThreadKind;
  authorId: number;
  answeredPostId: number | null;
}

/**
 * Loads a public thread for a write, then checks its issue is open. The thread row is
 * locked for update (its counters are about to change: writers to one thread queue
 * rather than deadlock upgrading shared locks) and the issue row for share (an officer
 * closing the issue waits for this write, or this write sees it closed).
 */
export async function lockThreadForContribution(
  trx: Transaction<Database>,
  threadId: number,
  now: Date,
): Promise<LockedThread> {
  const thread = await trx
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "threads.id",
      "threads.kind",
      "threads.status",
      "threads.author_id",
      "threads.answered_post_id",
      "issues.status as issue_status",
      "issues.opens_at",
      "issues.closes_at",
      "issues.closed_early_at",
    ])
    .where("threads.id", "=", threadId)
    .modifyEnd(sql`for no key update of threads for share of issues`)
    .executeTakeFirst();
  if (!thread || !publishedThread.holds({ threadStatus: thread.status })) {
    throw new NotFoundError("We couldn't find that thread. It may have been removed.");
  }
  assertIssueAcceptsContributions(
    {
      status: thread.issue_status,
      opens_at: thread.opens_at,
      closes_at: thread.closes_at,
      closed_early_at: thread.closed_early_at,
    },
    now,
  );
  return {
    id: thread.id,
    kind: thread.kind,
    authorId: thread.author_id,
    answeredPostId: thread.answered_post_id,
  };
}
