/**
 * Who may see which issue, thread and post, and what "public" means. Every query and
 * page asks these rules; nothing else compares a status to decide visibility (a test,
 * `status-literals.test.ts`, fails CI on a new copy).
 *
 * - An issue is public unless it is a draft; staff who run issues see drafts.
 * - A thread is as visible as its opening post (its status is the opening post's) and
 *   its issue: public once published; its author and moderators see it before that.
 * - In a thread, everyone sees published posts and a placeholder for deleted ones; an
 *   author also sees their own held, hidden and rejected posts, to know what happened;
 *   moderators see everything.
 * - "Public" (feeds, search, counts, profiles, citations, notifications) is stricter: a
 *   published post in a public thread. A deleted post's placeholder is not public content.
 */
import type { Database, IssueStatus, PostStatus } from "../../../db/schema";
import { can } from "../../permissions";
import type { Rule, Subject } from "./rule";

export interface IssueFacts {
  issueStatus: IssueStatus;
}
export interface ThreadFacts extends IssueFacts {
  threadStatus: PostStatus;
  threadAuthorId: number;
}
export interface PostFacts extends ThreadFacts {
  postStatus: PostStatus;
  postAuthorId: number;
}
export type PostInThreadFacts = Pick<PostFacts, "postStatus" | "postAuthorId">;

/** The one status whose words are public. */
export const PUBLIC_POST_STATUS = "published" satisfies PostStatus;
/** Shown to everyone in a thread: published posts, and deleted ones as a placeholder. */
const LISTED_POST_STATUSES = ["published", "deleted"] as const satisfies readonly PostStatus[];
/** Never shown to the public, whoever looks. */
const DRAFT_ISSUE = "draft" satisfies IssueStatus;

const seesDraftIssues = (subject: Subject) => can(subject, "create:issue:any");
const seesEveryPost = (subject: Subject) => can(subject, "moderate:post:any");

export function issueVisibleTo(subject: Subject): Rule<"issues", IssueFacts> {
  if (seesDraftIssues(subject)) return { where: (eb) => eb.lit(true), holds: () => true };
  return {
    where: (eb) => eb("issues.status", "!=", DRAFT_ISSUE),
    holds: (f) => f.issueStatus !== DRAFT_ISSUE,
  };
}

/** Issues anyone may see. */
export const publicIssue = issueVisibleTo(null);

export function threadVisibleTo(subject: Subject): Rule<"threads" | "issues", ThreadFacts> {
  const issue = issueVisibleTo(subject);
  const own = subject?.id ?? null;
  if (seesEveryPost(subject)) return issue;
  return {
    where: (eb) =>
      eb.and([
        issue.where(eb),
        own === null
          ? eb("threads.status", "=", PUBLIC_POST_STATUS)
          : eb.or([
              eb("threads.status", "=", PUBLIC_POST_STATUS),
              eb("threads.author_id", "=", own),
            ]),
      ]),
    holds: (f) =>
      issue.holds(f) && (f.threadStatus === PUBLIC_POST_STATUS || f.threadAuthorId === own),
  };
}

/** Threads anyone may read, and count, list and index. */
export const publicThread: Rule<"threads" | "issues", ThreadFacts> = threadVisibleTo(null);

/** Which posts of a thread (one the subject may see) its page includes. */
export function postShownInThread(subject: Subject): Rule<"posts", PostInThreadFacts> {
  const own = subject?.id ?? null;
  if (seesEveryPost(subject)) return { where: (eb) => eb.lit(true), holds: () => true };
  return {
    where: (eb) =>
      own === null
        ? eb("posts.status", "in", LISTED_POST_STATUSES)
        : eb.or([eb("posts.status", "in", LISTED_POST_STATUSES), eb("posts.author_id", "=", own)]),
    holds: (f) =>
      (LISTED_POST_STATUSES as readonly PostStatus[]).includes(f.postStatus) ||
      f.postAuthorId === own,
  };
}

/** A post the subject may open at its own address: shown in a thread they may see. */
export function postVisibleTo(subject: Subject): Rule<"posts" | "threads" | "issues", PostFacts> {
  const thread = threadVisibleTo(subject);
  const shown = postShownInThread(subject);
  return {
    where: (eb) => eb.and([thread.where(eb), shown.where(eb)]),
    holds: (f) => thread.holds(f) && shown.holds(f),
  };
}

/**
 * A post whose words are public: published, in a public thread. What feeds, search,
 * counts, profiles, citations and notifications may show.
 */
export const publicPost: Rule<"posts" | "threads" | "issues", PostFacts> = {
  where: (eb) => eb.and([eb("posts.status", "=", PUBLIC_POST_STATUS), publicThread.where(eb)]),
  holds: (f) => f.postStatus === PUBLIC_POST_STATUS && publicThread.holds(f),
};

/** Whether a post, by its own status alone, is public (its thread is checked elsewhere). */
export function isPublished(row: { status: PostStatus }): boolean {
  return row.status === PUBLIC_POST_STATUS;
}
