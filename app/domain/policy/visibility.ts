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
 *
 * Statuses go into SQL as literals, not parameters: they are constants of the rule, and
 * PostgreSQL can only use the partial indexes (`where status = 'published'`) when it
 * sees the constant.
 */
import { sql } from "kysely";
import type { IssueStatus, PostStatus } from "../../../db/schema";
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
    where: (eb) => eb("issues.status", "!=", sql.lit(DRAFT_ISSUE)),
    holds: (f) => f.issueStatus !== DRAFT_ISSUE,
  };
}

/** Issues anyone may see. */
export const publicIssue = issueVisibleTo(null);

/**
 * A thread published, by its own status alone: for lists inside a page whose issue's
 * visibility was already settled (an issue's threads), and for writes that need it.
 */
export const publishedThread: Rule<"threads", Pick<ThreadFacts, "threadStatus">> = {
  where: (eb) => eb("threads.status", "=", sql.lit(PUBLIC_POST_STATUS)),
  holds: (f) => f.threadStatus === PUBLIC_POST_STATUS,
};

/** A post published, by its own status alone (its thread's visibility settled elsewhere). */
export const publishedPost: Rule<"posts", Pick<PostFacts, "postStatus">> = {
  where: (eb) => eb("posts.status", "=", sql.lit(PUBLIC_POST_STATUS)),
  holds: (f) => f.postStatus === PUBLIC_POST_STATUS,
};

/** A post its author deleted: a placeholder now, beyond anyone's changes or decisions. */
export const deletedPost: Rule<"posts", Pick<PostFacts, "postStatus">> = {
  where: (eb) => eb("posts.status", "=", sql.lit<PostStatus>("deleted")),
  holds: (f) => f.postStatus === "deleted",
};

/** A post a moderator took down (hidden after flags, or rejected): its author may appeal. */
export const postTakenDown: Rule<"posts", Pick<PostFacts, "postStatus">> = {
  where: (eb) =>
    eb("posts.status", "in", [sql.lit<PostStatus>("hidden"), sql.lit<PostStatus>("rejected")]),
  holds: (f) => f.postStatus === "hidden" || f.postStatus === "rejected",
};

export function threadVisibleTo(subject: Subject): Rule<"threads" | "issues", ThreadFacts> {
  const issue = issueVisibleTo(subject);
  const own = subject?.id ?? null;
  if (seesEveryPost(subject)) return issue;
  return {
    where: (eb) =>
      eb.and([
        issue.where(eb),
        own === null
          ? publishedThread.where(eb)
          : eb.or([publishedThread.where(eb), eb("threads.author_id", "=", own)]),
      ]),
    holds: (f) => issue.holds(f) && (publishedThread.holds(f) || f.threadAuthorId === own),
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
        ? eb(
            "posts.status",
            "in",
            LISTED_POST_STATUSES.map((status) => sql.lit(status)),
          )
        : eb.or([
            eb(
              "posts.status",
              "in",
              LISTED_POST_STATUSES.map((status) => sql.lit(status)),
            ),
            eb("posts.author_id", "=", own),
          ]),
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
  where: (eb) => eb.and([publishedPost.where(eb), publicThread.where(eb)]),
  holds: (f) => publishedPost.holds(f) && publicThread.holds(f),
};

/**
 * Whether a notification may show the words and names it refers to (a post, its
 * thread, or both). Public content, and one's own, for everyone; anything for staff
 * (moderators, admins, and officers a moderator asked for advice), whose notifications
 * are about moderation. Predicate only: a notification's references are loaded by id
 * and judged in memory, never queried by this rule.
 */
export function mayReadReferences(
  subject: NonNullable<Subject>,
  refs: {
    thread?: { threadStatus: PostStatus; threadAuthorId: number };
    post?: PostInThreadFacts;
  },
): boolean {
  if (subject.role !== "resident") return true;
  const ownPost = refs.post?.postAuthorId === subject.id;
  const thread = refs.thread;
  const mayReadThread =
    !thread || publishedThread.holds(thread) || thread.threadAuthorId === subject.id || ownPost;
  const mayReadPost = !refs.post || publishedPost.holds(refs.post) || ownPost;
  return mayReadThread && mayReadPost;
}
