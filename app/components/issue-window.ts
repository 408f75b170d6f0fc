/**
 * How an issue's consultation window is described, from its phase, written once: the
 * home page, area and category lists and the issue page all say the same, in the right
 * tense. "Closed" gives the day contributions really stopped, which is earlier than the
 * closing date when an officer closed the issue early or answered it while it was open.
 */
import { issueClosedAt, type IssueWindowFacts } from "~/domain/policy/issue-closing";
import { formatDate } from "./format";

export { issueClosedAt, type IssueWindowFacts };

/** Short words for lists: "opens 3 January 2027 · closes 17 January 2027", "closes …", "closed …". */
export function issueWindowWords(issue: IssueWindowFacts): string {
  switch (issue.phase) {
    case "draft":
    case "upcoming":
      return `opens ${formatDate(issue.opensAt)} · closes ${formatDate(issue.closesAt)}`;
    case "open":
      return `closes ${formatDate(issue.closesAt)}`;
    case "closed":
    case "responded":
      return `closed ${formatDate(issueClosedAt(issue))}`;
  }
}

/** A sentence for the issue page itself. */
export function issueWindowSentence(issue: IssueWindowFacts): string {
  const opens = formatDate(issue.opensAt);
  const closes = formatDate(issue.closesAt);
  switch (issue.phase) {
    case "draft":
    case "upcoming":
    case "open":
      return `Open for comments from ${opens} to ${closes}.`;

    case "closed":
    case "responded": {
      const closed = issueClosedAt(issue);
      return closed < issue.closesAt
        ? `The consultation ran from ${opens} and closed early, on ${formatDate(closed)} (it was due to close on ${closes}).`
        : `The consultation ran from ${opens} to ${closes}.`;
    }
  }
}
