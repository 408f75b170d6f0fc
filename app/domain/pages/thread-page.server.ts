/**
 * Everything the thread page shows, in one domain read: the thread (if the viewer may
 * see it), a page of its posts, the official answer, the quote being replied to, and
 * what the viewer may do with each of them. The route renders this and decides nothing.
 *
 * Round trips: the thread with the viewer's support and follow (one query); then, in
 * parallel, the posts (one query, or two when paging forwards from a cursor), the
 * answer and the quote; then, in parallel, the citations of the page's posts and, only
 * when the page shows posts that are not public, why they are not.
 */
import { sql, type Kysely } from "kysely";
import type { Database, PostStatus, ThreadKind } from "../../../db/schema";
import type { Viewer } from "../../auth.server";
import { can } from "../../permissions";
import { NotFoundError } from "../errors";
import { citationsOfPosts } from "../outcomes.server";
import { restrictionOf } from "../participation.server";
import {
  deletedPost,
  issuePhase,
  mayDeletePost,
  mayEditPost,
  mayFlagPost,
  mayMarkAnswer,
  mayReply,
  maySupportIdea,
  publishedPost,
  publishedThread,
  threadVisibleTo,
  type IssuePhase,
  type PostFacts,
} from "../policy";
import { summarizeModeration, type PostModeration } from "../post-reviews.server";
import {
  findPublishedPost,
  getQuote,
  listPostsInThread,
  quoteAsMarkdown,
  type PostView,
  type PostWindow,
} from "../posts.server";

/** Why a post in the page is not public, as its author and moderators see it. */
export type Withheld = Exclude<PostStatus, "published" | "deleted">;

export interface ThreadPagePost extends PostView {
  own: boolean;
  /** Deleted by its author: shown as a placeholder. */
  removed: boolean;
  withheld: Withheld | null;
  replyToName: string | null;
  /** Why a post that is not public is not, for its author and moderators. */
  moderation: PostModeration | null;
  citedIn: { id: number; title: string }[];
  isAnswer: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canFlag: boolean;
  canQuote: boolean;
  /** Staff may mark (or, on the current answer, clear) this reply as the official answer. */
  canMarkAnswer: boolean;
}

/** What the support box offers: a button, or why not. */
export type SupportState = "sign-in" | "own-idea" | "not-public" | "closed" | "open";
/** What the reply box offers: the form, or why not. */
export type ReplyState = "closed" | "restricted" | "not-public" | "sign-in" | "open";

export interface ThreadPage {
  thread: {
    id: number;
    kind: ThreadKind;
    title: string;
    authorId: number;
    supportCount: number;
    answeredPostId: number | null;
    withheld: Withheld | null;
    issue: { id: number; slug: string; title: string };
  };
  phase: IssuePhase;
  posts: ThreadPagePost[];
  nextAfterId: number | null;
  previousBeforeId: number | null;
  answer: PostView | null;
  quote: { id: number; markdown: string } | null;
  signedIn: boolean;
  moderator: boolean;
  supported: boolean;
  following: boolean;
  support: SupportState;
  reply: ReplyState;
  /** Why the viewer may not contribute (a sanction, an unconfirmed address), if so. */
  restriction: string | null;
}

export interface ThreadPageQuery {
  threadId: number;
  window: PostWindow;
  quoteId: number | null;
}

function withheldOf(status: PostStatus): Withheld | null {
  return publishedPost.holds({ postStatus: status }) || deletedPost.holds({ postStatus: status })
    ? null
    : (status as Withheld);
}

async function loadThread(db: Kysely<Database>, viewer: Viewer | null, threadId: number) {
  const viewerId = viewer?.id ?? null;
  const row = await db
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select((eb) => [
      "threads.id",
      "threads.kind",
      "threads.title",
      "threads.status",
      "threads.author_id",
      "threads.support_count",
      "threads.answered_post_id",
      "issues.id as issue_id",
      "issues.slug as issue_slug",
      "issues.title as issue_title",
      "issues.status as issue_status",
      "issues.opens_at",
      "issues.closes_at",
      viewerId === null
        ? sql<boolean>`false`.as("supported")
        : eb
            .exists(
              eb
                .selectFrom("supports")
                .select("supports.user_id")
                .whereRef("supports.thread_id", "=", "threads.id")
                .where("supports.user_id", "=", viewerId),
            )
            .as("supported"),
      viewerId === null
        ? sql<boolean>`false`.as("following")
        : eb
            .exists(
              eb
                .selectFrom("thread_follows")
                .select("thread_follows.user_id")
                .whereRef("thread_follows.thread_id", "=", "threads.id")
                .where("thread_follows.user_id", "=", viewerId),
            )
            .as("following"),
    ])
    .where("threads.id", "=", threadId)
    .where(threadVisibleTo(viewer).where)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("We couldn't find that thread. It may have been removed.");
  return row;
}

export async function getThreadPage(
  db: Kysely<Database>,
  viewer: Viewer | null,
  query: ThreadPageQuery,
  options: { now: Date; editWindowMinutes: number },
): Promise<ThreadPage> {
  const { now } = options;
  const row = await loadThread(db, viewer, query.threadId);
  const phase = issuePhase(
    { status: row.issue_status, opens_at: row.opens_at, closes_at: row.closes_at },
    now,
  );
  const threadFacts = {
    kind: row.kind,
    threadStatus: row.status,
    threadAuthorId: row.author_id,
    issueStatus: row.issue_status,
  };
  const mayReplyHere = mayReply(viewer, threadFacts, phase);
  const [page, answer, quote] = await Promise.all([
    listPostsInThread(db, row.id, query.window, viewer),
    row.answered_post_id ? findPublishedPost(db, row.id, row.answered_post_id) : null,
    mayReplyHere && query.quoteId ? getQuote(db, row.id, query.quoteId) : null,
  ]);
  const withheld = page.posts.filter((post) => withheldOf(post.status) !== null);
  const [citedIn, moderations] = await Promise.all([
    citationsOfPosts(
      db,
      page.posts.map((post) => post.id),
    ),
    summarizeModeration(db, withheld),
  ]);
  const authorNames = new Map(page.posts.map((post) => [post.id, post.authorName]));
  const posts = page.posts.map((post): ThreadPagePost => {
    const facts: PostFacts = {
      ...threadFacts,
      postStatus: post.status,
      postAuthorId: post.authorId,
    };
    const isAnswer = post.id === row.answered_post_id;
    return {
      ...post,
      own: viewer?.id === post.authorId,
      removed: deletedPost.holds(facts),
      withheld: withheldOf(post.status),
      replyToName: post.replyToId ? (authorNames.get(post.replyToId) ?? null) : null,
      moderation: moderations.get(post.id) ?? null,
      citedIn: citedIn.get(post.id) ?? [],
      isAnswer,
      canEdit: mayEditPost(viewer, post, phase, now, options.editWindowMinutes),
      canDelete: mayDeletePost(viewer, post),
      canFlag: mayFlagPost(viewer, facts),
      canQuote: mayReplyHere && publishedPost.holds(facts),
      canMarkAnswer: mayMarkAnswer(viewer, threadFacts, post),
    };
  });
  const restriction = viewer ? restrictionOf(viewer, now) : null;
  return {
    thread: {
      id: row.id,
      kind: row.kind,
      title: row.title,
      authorId: row.author_id,
      supportCount: row.support_count,
      answeredPostId: row.answered_post_id,
      withheld: withheldOf(row.status),
      issue: { id: row.issue_id, slug: row.issue_slug, title: row.issue_title },
    },
    phase,
    posts,
    nextAfterId: page.nextAfterId,
    previousBeforeId: page.previousBeforeId,
    answer,
    quote: quote ? { id: quote.id, markdown: quoteAsMarkdown(quote) } : null,
    signedIn: viewer !== null,
    moderator: can(viewer, "moderate:post:any"),
    supported: Boolean(row.supported),
    following: Boolean(row.following),
    support: supportStateOf(viewer, threadFacts, phase),
    reply: replyStateOf(viewer, threadFacts, phase, restriction, mayReplyHere),
    restriction,
  };
}

function supportStateOf(
  viewer: Viewer | null,
  thread: Parameters<typeof maySupportIdea>[1],
  phase: IssuePhase,
): SupportState {
  if (!viewer) return "sign-in";
  if (thread.threadAuthorId === viewer.id) return "own-idea";
  if (maySupportIdea(viewer, thread, phase)) return "open";
  return phase === "open" ? "not-public" : "closed";
}

function replyStateOf(
  viewer: Viewer | null,
  thread: { threadStatus: PostStatus },
  phase: IssuePhase,
  restriction: string | null,
  mayReplyHere: boolean,
): ReplyState {
  if (phase !== "open") return "closed";
  if (restriction) return "restricted";
  if (!publishedThread.holds(thread)) return "not-public";
  if (!viewer) return "sign-in";
  return mayReplyHere ? "open" : "sign-in";
}
