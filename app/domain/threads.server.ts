/** Threads: discussions, ideas and questions to staff, started on an issue. */
import { sql, type Kysely } from "kysely";
import type { Database, IssueStatus, PostStatus, ThreadKind } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import { can, isStaff } from "../permissions";
import type { NewThreadInput } from "../schemas/contributions";
import { enqueueEvent } from "../jobs/outbox.server";
import { enqueueSearchSync } from "../jobs/search-sync.server";
import { ForbiddenError, NotFoundError } from "./errors";
import { holdPost, reviewContribution } from "./contribution-review.server";
import { followThreadIn } from "./follows.server";
import { assertIssueAcceptsContributions, assertMayContribute } from "./participation.server";
import { runTransaction } from "../../db/transaction";
import { publishedThread, threadVisibleTo } from "./policy";
import { parseCursorDate, parseDbId, parseKeysetCursor } from "../schemas/query";

export const THREADS_PER_PAGE = 30;

export interface ThreadListItem {
  id: number;
  kind: ThreadKind;
  title: string;
  authorName: string;
  replyCount: number;
  supportCount: number;
  lastPostAt: Date;
}

export type ThreadSort = "recent" | "supported";

export interface ThreadPage {
  threads: ThreadListItem[];
  /** Opaque cursor for the next page, or null on the last page. */
  next: string | null;
}

/** Cursors are "<sort key>_<id>": readable in a URL, checked before use. */
function parseCursor(
  sort: ThreadSort,
  cursor: string | null,
): { key: Date | number; id: number } | null {
  const parsed = parseKeysetCursor(cursor);
  if (!parsed) return null;
  if (sort === "supported") {
    // Support counts are integers too.
    const count = /^0$/.test(parsed.key) ? 0 : parseDbId(parsed.key);
    return count === null ? null : { key: count, id: parsed.id };
  }
  const at = parseCursorDate(parsed.key);
  return at ? { key: at, id: parsed.id } : null;
}

/**
 * A page of an issue's public threads (keyset, never OFFSET): most recently active
 * first, or, with sort "supported", its ideas by most supporters.
 */
export async function listThreadsForIssue(
  db: Kysely<Database>,
  issueId: number,
  options: { sort: ThreadSort; after: string | null },
): Promise<ThreadPage> {
  const { sort } = options;
  const after = parseCursor(sort, options.after);
  let query = db
    .selectFrom("threads")
    .innerJoin("users", "users.id", "threads.author_id")
    .select([
      "threads.id",
      "threads.kind",
      "threads.title",
      "users.display_name as authorName",
      "threads.reply_count as replyCount",
      "threads.support_count as supportCount",
      "threads.last_post_at as lastPostAt",
    ])
    .where("threads.issue_id", "=", issueId)
    // The issue's own visibility was settled by the page that lists its threads.
    .where(publishedThread.where);
  if (sort === "supported") {
    query = query.where("threads.kind", "=", "idea");
    if (after)
      query = query.where(
        sql<boolean>`(threads.support_count, threads.id) < (${after.key}, ${after.id})`,
      );
    query = query.orderBy("threads.support_count", "desc").orderBy("threads.id", "desc");
  } else {
    if (after)
      query = query.where(
        sql<boolean>`(threads.last_post_at, threads.id) < (${after.key}, ${after.id})`,
      );
    query = query.orderBy("threads.last_post_at", "desc").orderBy("threads.id", "desc");
  }
  const rows = await query.limit(THREADS_PER_PAGE + 1).execute();
  const threads = rows.slice(0, THREADS_PER_PAGE);
  const last = threads.at(-1);
  const next =
    rows.length > THREADS_PER_PAGE && last
      ? `${sort === "supported" ? last.supportCount : last.lastPostAt.toISOString()}_${last.id}`
      : null;
  return { threads, next };
}

export interface ThreadDetail {
  id: number;
  kind: ThreadKind;
  title: string;
  /** Anything but "published" is only ever seen by its author and moderators. */
  status: PostStatus;
  authorId: number;
  createdAt: Date;
  replyCount: number;
  supportCount: number;
  answeredPostId: number | null;
  issue: {
    id: number;
    slug: string;
    title: string;
    status: IssueStatus;
    opens_at: Date;
    closes_at: Date;
  };
}

/** A thread with its issue; hidden and draft-issue threads are not found by the public. */
export async function getThread(
  db: Kysely<Database>,
  threadId: number,
  viewer: Viewer | null,
): Promise<ThreadDetail> {
  const row = await db
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "threads.id",
      "threads.kind",
      "threads.title",
      "threads.status",
      "threads.author_id",
      "threads.created_at",
      "threads.reply_count",
      "threads.support_count",
      "threads.answered_post_id",
      "issues.id as issue_id",
      "issues.slug as issue_slug",
      "issues.title as issue_title",
      "issues.status as issue_status",
      "issues.opens_at",
      "issues.closes_at",
    ])
    .where("threads.id", "=", threadId)
    .executeTakeFirst();
  const visible =
    row &&
    threadVisibleTo(viewer).holds({
      threadStatus: row.status,
      threadAuthorId: row.author_id,
      issueStatus: row.issue_status,
    });
  if (!row || !visible)
    throw new NotFoundError("We couldn't find that thread. It may have been removed.");
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    authorId: row.author_id,
    createdAt: row.created_at,
    replyCount: row.reply_count,
    supportCount: row.support_count,
    answeredPostId: row.answered_post_id,
    issue: {
      id: row.issue_id,
      slug: row.issue_slug,
      title: row.issue_title,
      status: row.issue_status,
      opens_at: row.opens_at,
      closes_at: row.closes_at,
    },
  };
}

/**
 * Starts a thread with its opening post on an open issue. If the rules engine holds
 * the opening post, the whole thread waits with it (status pending) and nobody is told
 * about it until a moderator approves.
 */
export async function startThread(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  input: NewThreadInput,
  now: Date,
): Promise<{ threadId: number; postId: number; held: boolean }> {
  if (!can(actor, "create:thread:any")) throw new ForbiddenError();
  assertMayContribute(actor, now);
  const bodyHtml = renderMarkdown(input.body);
  return runTransaction(db, async (trx) => {
    // FOR SHARE: an officer closing the issue concurrently waits for this thread, or this waits for them.
    const issue = await trx
      .selectFrom("issues")
      .select(["id", "status", "opens_at", "closes_at", "closed_early_at"])
      .where("slug", "=", issueSlug)
      .forShare()
      .executeTakeFirst();
    if (!issue) throw new NotFoundError("We couldn't find that issue.");
    assertIssueAcceptsContributions(issue, now);
    const decision = await reviewContribution(
      trx,
      actor,
      { title: input.title, body: input.body },
      now,
    );
    const held = decision.action === "hold";
    const status = held ? "pending" : "published";
    const thread = await trx
      .insertInto("threads")
      .values({
        issue_id: issue.id,
        kind: input.kind,
        title: input.title,
        author_id: actor.id,
        status,
        last_post_at: now,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await followThreadIn(trx, actor.id, thread.id);
    const post = await trx
      .insertInto("posts")
      .values({
        thread_id: thread.id,
        author_id: actor.id,
        body_md: input.body,
        body_html: bodyHtml,
        is_staff: isStaff(actor),
        status,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (held) await holdPost(trx, post.id, decision, now);
    else {
      await enqueueEvent(trx, "thread.started", { threadId: thread.id });
      await enqueueSearchSync(trx, { kind: "post", id: post.id });
    }
    return { threadId: thread.id, postId: post.id, held };
  });
}
