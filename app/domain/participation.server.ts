/** The rules for who may contribute where, shared by threads and posts. */
import type { Viewer } from "../auth.server";
import type { Issue } from "../../db/schema";
import { ForbiddenError } from "./errors";
import { issuePhase } from "./issue-phase";

const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeZone: "Europe/London",
});

/** Throws unless the actor's account may write right now. */
export function assertMayContribute(actor: Viewer, now: Date): void {
  if (actor.bannedAt) {
    throw new ForbiddenError("Your account has been banned, so you can read but not post.");
  }
  if (actor.suspendedUntil && actor.suspendedUntil > now) {
    throw new ForbiddenError(
      `Your account is suspended until ${DATE_FORMAT.format(actor.suspendedUntil)}, so you can read but not post until then.`,
    );
  }
}

/** Throws unless the issue is inside its consultation window. */
export function assertIssueAcceptsContributions(
  issue: Pick<Issue, "status" | "opens_at" | "closes_at">,
  now: Date,
): void {
  const phase = issuePhase(issue, now);
  if (phase === "open") return;
  const why =
    phase === "upcoming"
      ? `This consultation opens on ${DATE_FORMAT.format(issue.opens_at)}.`
      : phase === "draft"
        ? "This issue has not been published yet."
        : `This consultation closed on ${DATE_FORMAT.format(issue.closes_at)}, so it no longer takes new posts.`;
  throw new ForbiddenError(why);
}
