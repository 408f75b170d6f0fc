/**
 * In-app notifications: the fan-out handlers the outbox worker runs after commit, and
 * what a person does with their notifications (read them, mark them read, mute kinds).
 * Every fan-out keys its rows on the outbox event id, so an event reaches a person once.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import {
  NOTIFICATION_KINDS,
  type Database,
  type NotificationKind,
  type PostStatus,
  type Role,
} from "../../db/schema";
import { FORMER_PARTICIPANT } from "./account-labels";
import type { Viewer } from "../auth.server";
import type { OutboxEventContext } from "../jobs/outbox-worker.server";
import { queueNotificationEmails } from "./email-preferences.server";
import { runTransaction } from "../../db/transaction";
import { mayReadReferences, publicPost, publicThread } from "./policy";

/**
 * What a notification shows and where it leads. Names and residents' titles are not
 * stored: the text holds placeholders ({author}, {thread}) and `refs` the ids, and both
 * are filled in when the notification is read, under the rules of that moment. So a
 * person who deletes their account stops being named, and a hidden thread's title stops
 * being shown, in notifications already sent too.
 */
export interface NotificationPayload {
  /** The sentence, e.g. "{author} replied in “{thread}”". Older rows hold finished text. */
  text: string;
  /** Where it leads: a path on this site. */
  href: string;
  refs?: NotificationRefs;
}

export interface NotificationRefs {
  /** The post whose author is {author} (and, for moderation notices, the recipient's own). */
  postId?: number;
  /** The thread whose title is {thread} (and whose author is {author} without a post). */
  threadId?: number;
}

export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  reply: "Replies to you",
  official_answer: "Official answers in threads you follow",
  new_thread: "New threads in issues you follow",
  closing_soon: "Issues you follow closing within 48 hours",
  issue_status: "Status changes of issues you follow",
  moderation: "Moderators' decisions about your posts and account",
  flag_resolved: "What happened to posts you flagged",
  escalation: "Moderation items a moderator asks you to advise on",
  outcome: "Outcomes and progress on issues you follow or took part in",
  cited: "When an outcome cites something you wrote",
  considered: "When an outcome answers a point you made",
};

/** Kinds that cannot be switched off: people must hear decisions about their own posts. */
export const ALWAYS_SENT_KINDS: readonly NotificationKind[] = ["moderation"];

/** Inserts one notification per recipient, leaving out muted, deleted and duplicate ones. */
export async function deliver(
  trx: Transaction<Database>,
  recipients: Iterable<number>,
  kind: NotificationKind,
  event: OutboxEventContext,
  payload: NotificationPayload,
): Promise<number> {
  const ids = [...new Set(recipients)];
  if (ids.length === 0) return 0;
  const inserted = await trx
    .insertInto("notifications")
    .columns(["user_id", "kind", "event_key", "payload"])
    .expression((eb) =>
      eb
        .selectFrom("users")
        .select([
          "users.id",
          sql<NotificationKind>`${kind}`.as("kind"),
          sql<string>`${`event:${event.eventId}`}`.as("event_key"),
          sql<string>`${JSON.stringify(payload)}::jsonb`.as("payload"),
        ])
        .where("users.id", "in", ids)
        .where("users.deleted_at", "is", null)
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom("notification_mutes")
                .select("notification_mutes.user_id")
                .whereRef("notification_mutes.user_id", "=", "users.id")
                .where("notification_mutes.kind", "=", kind),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.columns(["user_id", "event_key"]).doNothing())
    .returning(["id", "user_id"])
    .execute();
  await queueNotificationEmails(trx, kind, inserted);
  return inserted.length;
}

async function issueFollowers(trx: Transaction<Database>, issueId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom("issue_follows")
    .select("user_id")
    .where("issue_id", "=", issueId)
    .execute();
  return rows.map((r) => r.user_id);
}

async function threadFollowers(trx: Transaction<Database>, threadId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom("thread_follows")
    .select("user_id")
    .where("thread_id", "=", threadId)
    .execute();
  return rows.map((r) => r.user_id);
}

function without(ids: number[], excluded: number): number[] {
  return ids.filter((id) => id !== excluded);
}

/** "Someone replied to you": the thread's starter and the author of the post replied to. */
export async function fanOutPostPublished(
  trx: Transaction<Database>,
  payload: { postId: number },
  event: OutboxEventContext,
): Promise<void> {
  const post = await trx
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .leftJoin("posts as parent", "parent.id", "posts.reply_to_id")
    .select((eb) => [
      "posts.id",
      "posts.author_id",
      publicPost.where(eb).as("public"),
      "threads.id as thread_id",
      "threads.title",
      "threads.author_id as thread_author_id",
      "users.display_name",
      "parent.author_id as parent_author_id",
    ])
    .where("posts.id", "=", payload.postId)
    .executeTakeFirst();
  // Held, hidden or deleted content never notifies anyone.
  if (!post?.public) return;
  const recipients = [post.thread_author_id, post.parent_author_id].filter(
    (id): id is number => id !== null,
  );
  await deliver(trx, without(recipients, post.author_id), "reply", event, {
    text: "{author} replied in “{thread}”",
    href: `/posts/${post.id}`,
    refs: { postId: post.id, threadId: post.thread_id },
  });
}

/** "New thread in an issue you follow". */
export async function fanOutThreadStarted(
  trx: Transaction<Database>,
  payload: { threadId: number },
  event: OutboxEventContext,
): Promise<void> {
  const thread = await trx
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .innerJoin("users", "users.id", "threads.author_id")
    .select((eb) => [
      "threads.id",
      "threads.title",
      publicThread.where(eb).as("public"),
      "threads.author_id",
      "threads.issue_id",
      "issues.title as issue_title",
      "users.display_name",
    ])
    .where("threads.id", "=", payload.threadId)
    .executeTakeFirst();
  if (!thread?.public) return;
  await deliver(
    trx,
    without(await issueFollowers(trx, thread.issue_id), thread.author_id),
    "new_thread",
    event,
    {
      text: `{author} started “{thread}” in ${thread.issue_title}`,
      href: `/threads/${thread.id}`,
      refs: { threadId: thread.id },
    },
  );
}

/** "Official answer in a thread you follow". */
export async function fanOutAnswerMarked(
  trx: Transaction<Database>,
  payload: { threadId: number; postId: number },
  event: OutboxEventContext,
): Promise<void> {
  const thread = await trx
    .selectFrom("threads")
    .innerJoin("posts", "posts.id", "threads.answered_post_id")
    .select(["threads.id", "threads.title", "threads.author_id", "posts.author_id as answerer_id"])
    .where("threads.id", "=", payload.threadId)
    .where("threads.answered_post_id", "=", payload.postId)
    .executeTakeFirst();
  // The answer was changed again before this ran: the later event speaks for it.
  if (!thread) return;
  const recipients = [...(await threadFollowers(trx, thread.id)), thread.author_id];
  await deliver(trx, without(recipients, thread.answerer_id), "official_answer", event, {
    text: "The council answered “{thread}”",
    href: `/threads/${thread.id}#answer`,
    refs: { threadId: thread.id },
  });
}

/** "An issue you follow closes within 48 hours". */
export async function fanOutClosingSoon(
  trx: Transaction<Database>,
  payload: { issueId: number },
  event: OutboxEventContext,
): Promise<void> {
  const issue = await trx
    .selectFrom("issues")
    .select(["id", "slug", "title"])
    .where("id", "=", payload.issueId)
    .executeTakeFirst();
  if (!issue) return;
  await deliver(trx, await issueFollowers(trx, issue.id), "closing_soon", event, {
    text: `“${issue.title}” closes for comments within 48 hours`,
    href: `/issues/${issue.slug}`,
  });
}

const PHASE_WORDS: Record<string, string> = {
  open: "is now open for comments",
  closed: "has closed for comments",
  responded: "has a response from the council",
};

/** "The status of an issue you follow changed". */
export async function fanOutIssueStatusChanged(
  trx: Transaction<Database>,
  payload: { issueId: number; phase: string },
  event: OutboxEventContext,
): Promise<void> {
  const issue = await trx
    .selectFrom("issues")
    .select(["id", "slug", "title"])
    .where("id", "=", payload.issueId)
    .executeTakeFirst();
  if (!issue) return;
  await deliver(trx, await issueFollowers(trx, issue.id), "issue_status", event, {
    text: `“${issue.title}” ${PHASE_WORDS[payload.phase] ?? `is now ${payload.phase}`}`,
    href: `/issues/${issue.slug}`,
  });
}

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  text: string;
  href: string;
  createdAt: Date;
  read: boolean;
}

export const NOTIFICATIONS_PER_PAGE = 30;

/** What replaces a notification whose post or thread the recipient may no longer see. */
export const UNAVAILABLE_NOTIFICATION = {
  text: "Something you were told about here is no longer available.",
  href: "/notifications",
};

interface ReferencedPost {
  id: number;
  status: PostStatus;
  authorId: number;
  authorName: string;
  threadId: number;
}
interface ReferencedThread {
  id: number;
  status: PostStatus;
  title: string;
  authorId: number;
  authorName: string;
}

/** The posts and threads a batch of notifications names, in two queries. */
async function loadReferences(
  db: Kysely<Database> | Transaction<Database>,
  payloads: Partial<NotificationPayload>[],
): Promise<{ posts: Map<number, ReferencedPost>; threads: Map<number, ReferencedThread> }> {
  const postIds = [...new Set(payloads.flatMap((p) => (p.refs?.postId ? [p.refs.postId] : [])))];
  const threadIds = [
    ...new Set(payloads.flatMap((p) => (p.refs?.threadId ? [p.refs.threadId] : []))),
  ];
  const [posts, threads] = await Promise.all([
    postIds.length
      ? db
          .selectFrom("posts")
          .innerJoin("users", "users.id", "posts.author_id")
          .select([
            "posts.id",
            "posts.status",
            "posts.author_id",
            "posts.thread_id",
            "users.display_name",
            "users.deleted_at",
          ])
          .where("posts.id", "in", postIds)
          .execute()
      : [],
    threadIds.length
      ? db
          .selectFrom("threads")
          .innerJoin("users", "users.id", "threads.author_id")
          .select([
            "threads.id",
            "threads.status",
            "threads.title",
            "threads.author_id",
            "users.display_name",
            "users.deleted_at",
          ])
          .where("threads.id", "in", threadIds)
          .execute()
      : [],
  ]);
  const name = (row: { display_name: string; deleted_at: Date | null }) =>
    row.deleted_at ? FORMER_PARTICIPANT : row.display_name;
  return {
    posts: new Map(
      posts.map((p) => [
        p.id,
        {
          id: p.id,
          status: p.status,
          authorId: p.author_id,
          authorName: name(p),
          threadId: p.thread_id,
        },
      ]),
    ),
    threads: new Map(
      threads.map((t) => [
        t.id,
        { id: t.id, status: t.status, title: t.title, authorId: t.author_id, authorName: name(t) },
      ]),
    ),
  };
}

/**
 * Fills a notification's placeholders for its recipient. What the recipient wrote is
 * always theirs to see; staff see what moderation involves; anything else must be public
 * now, or the notification says it is no longer available.
 */
function renderPayload(
  payload: Partial<NotificationPayload>,
  recipient: { id: number; role: Role },
  references: Awaited<ReturnType<typeof loadReferences>>,
): { text: string; href: string } {
  const href =
    typeof payload.href === "string" && payload.href.startsWith("/") ? payload.href : "/";
  const refs = payload.refs;
  if (!refs) return { text: payload.text ?? "", href };
  const post = refs.postId ? references.posts.get(refs.postId) : undefined;
  const thread = refs.threadId ? references.threads.get(refs.threadId) : undefined;
  if ((refs.postId && !post) || (refs.threadId && !thread)) return UNAVAILABLE_NOTIFICATION;
  const readable = mayReadReferences(recipient, {
    thread: thread && { threadStatus: thread.status, threadAuthorId: thread.authorId },
    post: post && { postStatus: post.status, postAuthorId: post.authorId },
  });
  if (!readable) return UNAVAILABLE_NOTIFICATION;
  const values: Record<string, string> = {
    author: post?.authorName ?? thread?.authorName ?? FORMER_PARTICIPANT,
    thread: thread?.title ?? "",
  };
  return {
    text: (payload.text ?? "").replace(
      /\{(author|thread)\}/g,
      (_, key: string) => values[key] ?? "",
    ),
    href,
  };
}

/** Notification rows as their recipient reads them now (page, unread list, email). */
export async function renderNotifications<
  R extends { payload: unknown; user_id: number; recipient_role: Role },
>(
  db: Kysely<Database> | Transaction<Database>,
  rows: R[],
): Promise<(R & { text: string; href: string })[]> {
  const payloads = rows.map((row) => row.payload as Partial<NotificationPayload>);
  const references = await loadReferences(db, payloads);
  return rows.map((row, i) => ({
    ...row,
    ...renderPayload(payloads[i]!, { id: row.user_id, role: row.recipient_role }, references),
  }));
}

/** A page of the viewer's notifications, newest first (keyset on id). */
export async function listNotifications(
  db: Kysely<Database>,
  viewer: Viewer,
  beforeId: number | null,
): Promise<{ notifications: NotificationView[]; nextBeforeId: number | null }> {
  let query = db
    .selectFrom("notifications")
    .select(["id", "kind", "payload", "created_at", "read_at", "user_id"])
    .where("user_id", "=", viewer.id);
  if (beforeId !== null) query = query.where("id", "<", beforeId);
  const rows = await query
    .orderBy("id", "desc")
    .limit(NOTIFICATIONS_PER_PAGE + 1)
    .execute();
  const rendered = await renderNotifications(
    db,
    rows.slice(0, NOTIFICATIONS_PER_PAGE).map((row) => ({ ...row, recipient_role: viewer.role })),
  );
  const notifications: NotificationView[] = rendered.map((row) => ({
    id: row.id,
    kind: row.kind,
    text: row.text,
    href: row.href,
    createdAt: row.created_at,
    read: row.read_at !== null,
  }));
  const nextBeforeId =
    rows.length > NOTIFICATIONS_PER_PAGE ? (notifications.at(-1)?.id ?? null) : null;
  return { notifications, nextBeforeId };
}

export async function countUnread(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks one of the viewer's notifications read (someone else's id changes nothing). */
export async function markRead(
  db: Kysely<Database>,
  viewer: Viewer,
  notificationId: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("id", "=", notificationId)
    .where("user_id", "=", viewer.id)
    .where("read_at", "is", null)
    .execute();
}

export async function markAllRead(db: Kysely<Database>, viewer: Viewer, now: Date): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("user_id", "=", viewer.id)
    .where("read_at", "is", null)
    .execute();
}

/** The kinds a person may switch off. */
export const MUTABLE_KINDS = NOTIFICATION_KINDS.filter((kind) => !ALWAYS_SENT_KINDS.includes(kind));

/** The kinds the viewer has switched off. */
export async function listMutedKinds(
  db: Kysely<Database>,
  viewer: Viewer,
): Promise<NotificationKind[]> {
  const rows = await db
    .selectFrom("notification_mutes")
    .select("kind")
    .where("user_id", "=", viewer.id)
    .execute();
  return rows.map((r) => r.kind);
}

/** Replaces the viewer's preferences: every kind not in `enabled` is switched off. */
export async function setEnabledKinds(
  db: Kysely<Database>,
  viewer: Viewer,
  enabled: NotificationKind[],
): Promise<void> {
  const muted = NOTIFICATION_KINDS.filter(
    (kind) => !enabled.includes(kind) && !ALWAYS_SENT_KINDS.includes(kind),
  );
  await runTransaction(db, async (trx) => {
    await trx.deleteFrom("notification_mutes").where("user_id", "=", viewer.id).execute();
    if (muted.length) {
      await trx
        .insertInto("notification_mutes")
        .values(muted.map((kind) => ({ user_id: viewer.id, kind })))
        .execute();
    }
  });
}
