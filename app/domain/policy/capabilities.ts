/**
 * Who may do what to a thing they can see. Domain functions enforce these predicates and
 * domain reads return them as capabilities (`canEdit`, `canFlag`, …), so the buttons a
 * page shows and the checks an action makes are the same rule. Visibility comes first
 * (`visibility.ts`): none of these is asked about something the subject cannot see.
 */
import type { PostStatus, ThreadKind } from "../../../db/schema";
import { can, isStaff } from "../../permissions";
import type { IssuePhase } from "./issue-phase";
import type { Subject } from "./rule";
import { PUBLIC_POST_STATUS, publicPost, type PostFacts } from "./visibility";

interface OwnedPost {
  status: PostStatus;
  authorId: number;
}

/** When an author's edit window on a post ends. */
export function editableUntil(createdAt: Date, windowMinutes: number): Date {
  return new Date(createdAt.getTime() + windowMinutes * 60_000);
}

/** Whether `now` is inside a post's edit window (which ends at `editableUntil`, exclusive). */
export function isWithinEditWindow(createdAt: Date, now: Date, windowMinutes: number): boolean {
  return now < editableUntil(createdAt, windowMinutes);
}

/**
 * An author may edit their published post while its consultation is open and for
 * `windowMinutes` after posting (the edit window: long enough to fix a typo, too short
 * to rewrite what others have replied to).
 */
export function mayEditPost(
  subject: Subject,
  post: OwnedPost & { createdAt: Date },
  phase: IssuePhase,
  now: Date,
  windowMinutes: number,
): boolean {
  return (
    subject !== null &&
    post.authorId === subject.id &&
    post.status === PUBLIC_POST_STATUS &&
    phase === "open" &&
    isWithinEditWindow(post.createdAt, now, windowMinutes)
  );
}

/** An author may always withdraw what they wrote, in any phase and any status but deleted. */
export function mayDeletePost(subject: Subject, post: OwnedPost): boolean {
  return subject !== null && post.authorId === subject.id && post.status !== "deleted";
}

/** Anyone signed in may flag a public post by someone else. */
export function mayFlagPost(subject: Subject, post: PostFacts): boolean {
  return subject !== null && post.postAuthorId !== subject.id && publicPost.holds(post);
}

/** A thread takes replies (and quotes) while it is public and its consultation is open. */
export function mayReply(
  subject: Subject,
  thread: { threadStatus: PostStatus },
  phase: IssuePhase,
): boolean {
  return (
    can(subject, "create:post:any") &&
    thread.threadStatus === PUBLIC_POST_STATUS &&
    phase === "open"
  );
}

/** Supporting is for ideas someone else proposed, while the consultation is open. */
export function maySupportIdea(
  subject: Subject,
  thread: { kind: ThreadKind; threadStatus: PostStatus; threadAuthorId: number },
  phase: IssuePhase,
): boolean {
  return (
    subject !== null &&
    thread.kind === "idea" &&
    thread.threadAuthorId !== subject.id &&
    thread.threadStatus === PUBLIC_POST_STATUS &&
    phase === "open"
  );
}

/**
 * Staff mark a published staff reply to a public question as its official answer, and
 * can take the mark off again.
 */
export function mayMarkAnswer(
  subject: Subject,
  thread: { kind: ThreadKind; threadStatus: PostStatus },
  post: { status: PostStatus; isStaff: boolean },
): boolean {
  return (
    isStaff(subject) &&
    thread.kind === "question" &&
    thread.threadStatus === PUBLIC_POST_STATUS &&
    post.status === PUBLIC_POST_STATUS &&
    post.isStaff
  );
}

/** Officers cite what residents said publicly in a "you said, we did" outcome. */
export function mayCite(subject: Subject, post: PostFacts): boolean {
  return can(subject, "create:issue:any") && publicPost.holds(post);
}

/** Moderators decide items; the one officer an item was escalated to may only advise. */
export function mayModerate(subject: Subject): boolean {
  return can(subject, "moderate:post:any");
}

/** Staff who run consultations: edit issues, write outcomes, see drafts. */
export function mayManageIssues(subject: Subject): boolean {
  return can(subject, "create:issue:any");
}

/** Starting a thread: anyone who may post, while the consultation is open. */
export function mayStartThread(subject: Subject, phase: IssuePhase): boolean {
  return can(subject, "create:thread:any") && phase === "open";
}
