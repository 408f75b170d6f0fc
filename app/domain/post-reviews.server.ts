/**
 * What happened to a post in moderation, told to its author: why it was held, hidden
 * or rejected, which house rule a moderator cited, and the one appeal they may make.
 */
import type { Kysely } from "kysely";
import type { Database, ModerationItemStatus, PostStatus } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { can } from "../permissions";
import { recordAction } from "./audit-log.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { reasonExplanation } from "./moderation-labels";
import { lockPost } from "./post-visibility.server";
import { runTransaction } from "../../db/transaction";
import {
  APPEALABLE_STATES,
  postModerationState,
  postTakenDown,
  type ModerationAppeal,
  type ModerationDecision,
  type PostModerationState,
} from "./policy";

function selectItems(db: Kysely<Database>) {
  return db
    .selectFrom("moderation_items")
    .leftJoin("house_rules", "house_rules.id", "moderation_items.house_rule_id")
    .select([
      "moderation_items.id",
      "moderation_items.post_id",
      "moderation_items.source",
      "moderation_items.status",
      "moderation_items.reasons",
      "moderation_items.auto_hidden",
      "moderation_items.decision_note",
      "moderation_items.decided_at",
      "moderation_items.appeal_of_id",
      "moderation_items.appeal_note",
      "house_rules.id as rule_id",
      "house_rules.title as rule_title",
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>["execute"]>>[number];

/** A post's moderation: the latest decision, its appeal, and the one state they add up to. */
export interface PostModeration {
  decision: ModerationDecision | null;
  appeal: ModerationAppeal | null;
  /** The item a moderator would act on now: the appeal if there is one, else the decision. */
  itemId: number | null;
  state: PostModerationState | null;
}

function toDecision(row: ItemRow & { source: "rule" | "flag" }): ModerationDecision {
  return {
    itemId: row.id,
    source: row.source,
    status: row.status,
    explanations: row.reasons
      .map(reasonExplanation)
      .filter((text): text is string => text !== null),
    autoHidden: row.auto_hidden,
    houseRule:
      row.rule_id !== null && row.rule_title !== null
        ? { id: row.rule_id, title: row.rule_title }
        : null,
    note: row.decision_note,
    decidedAt: row.decided_at,
  };
}

const isDecision = (row: ItemRow): row is ItemRow & { source: "rule" | "flag" } =>
  row.source !== "appeal";

/** A post's items, newest first, as its moderation story. */
function toModeration(postStatus: PostStatus, rows: ItemRow[]): PostModeration {
  const decisionRow = rows.find(isDecision);
  const decision = decisionRow ? toDecision(decisionRow) : null;
  const appealRow = decisionRow
    ? rows.find((row) => row.appeal_of_id === decisionRow.id)
    : undefined;
  const appeal: ModerationAppeal | null = appealRow
    ? {
        itemId: appealRow.id,
        status: appealRow.status,
        note: appealRow.decision_note,
        decidedAt: appealRow.decided_at,
      }
    : null;
  return {
    decision,
    appeal,
    itemId: appeal?.itemId ?? decision?.itemId ?? null,
    state: postModerationState(postStatus, decision, appeal),
  };
}

/**
 * The moderation story of each post, for the posts' authors and moderators: one query
 * for all of them, whatever their number of items.
 */
export async function summarizeModeration(
  db: Kysely<Database>,
  posts: readonly { id: number; status: PostStatus }[],
): Promise<Map<number, PostModeration>> {
  if (posts.length === 0) return new Map();
  const rows = await selectItems(db)
    .where(
      "moderation_items.post_id",
      "in",
      posts.map((post) => post.id),
    )
    // (post_id, id desc) is the index's own order: each post's items, newest first.
    .orderBy("moderation_items.post_id")
    .orderBy("moderation_items.id", "desc")
    .execute();
  const byPost = new Map<number, ItemRow[]>();
  for (const row of rows) byPost.set(row.post_id, [...(byPost.get(row.post_id) ?? []), row]);
  return new Map(
    posts.map((post) => [post.id, toModeration(post.status, byPost.get(post.id) ?? [])]),
  );
}

export interface PostReview {
  post: {
    id: number;
    authorId: number;
    threadId: number;
    threadTitle: string;
    bodyHtml: string;
    status: PostStatus;
    createdAt: Date;
  };
  moderation: PostModeration;
  /** The author may appeal the decision now (once; not yet appealed). */
  appealable: boolean;
}

const APPEALABLE: readonly ModerationItemStatus[] = ["rejected", "hidden"];

async function findAppealableDecision(
  db: Kysely<Database>,
  postId: number,
): Promise<{ id: number; decidedBy: number | null; reasons: string[] } | null> {
  const row = await db
    .selectFrom("moderation_items")
    .select(["id", "decided_by", "reasons", "status", "source"])
    .where("post_id", "=", postId)
    .where("source", "!=", "appeal")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row || !APPEALABLE.includes(row.status)) return null;
  return { id: row.id, decidedBy: row.decided_by, reasons: row.reasons };
}

/** A post and its moderation story, for its author (or a moderator). */
export async function getPostReview(
  db: Kysely<Database>,
  viewer: Viewer,
  postId: number,
): Promise<PostReview> {
  const post = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select([
      "posts.id",
      "posts.author_id",
      "posts.thread_id",
      "threads.title as thread_title",
      "posts.body_html",
      "posts.status",
      "posts.created_at",
    ])
    .where("posts.id", "=", postId)
    .executeTakeFirst();
  if (!post || (post.author_id !== viewer.id && !can(viewer, "moderate:post:any"))) {
    throw new NotFoundError("We couldn't find that post.");
  }
  const moderation = (await summarizeModeration(db, [post])).get(post.id)!;
  return {
    post: {
      id: post.id,
      authorId: post.author_id,
      threadId: post.thread_id,
      threadTitle: post.thread_title,
      bodyHtml: post.body_html,
      status: post.status,
      createdAt: post.created_at,
    },
    moderation,
    appealable:
      post.author_id === viewer.id &&
      moderation.state !== null &&
      APPEALABLE_STATES.includes(moderation.state.kind),
  };
}

/**
 * Appeals a rejection or a hide, once. The appeal joins the queue marked as an appeal,
 * for a moderator other than the one who decided, where there is one.
 */
export async function appealDecision(
  db: Kysely<Database>,
  actor: Viewer,
  postId: number,
  note: string,
  now: Date,
): Promise<void> {
  await runTransaction(db, async (trx) => {
    // LOCK_ORDER: thread, then post, before the appeal's item is created.
    const locked = await lockPost(trx, postId);
    const post = { author_id: locked.authorId, status: locked.status };
    if (post.author_id !== actor.id) throw new ForbiddenError("Only the author can appeal.");
    if (!postTakenDown.holds({ postStatus: post.status })) {
      throw new ConflictError("Only a rejected or hidden post can be appealed.");
    }
    const decision = await findAppealableDecision(trx, postId);
    if (!decision) throw new ConflictError("There is no moderator's decision here to appeal.");
    const appeal = await trx
      .insertInto("moderation_items")
      .values({
        post_id: postId,
        source: "appeal",
        reasons: decision.reasons,
        appeal_of_id: decision.id,
        appeal_note: note,
        excluded_moderator_id: decision.decidedBy,
        created_at: now,
      })
      .onConflict((oc) =>
        oc.column("appeal_of_id").where("appeal_of_id", "is not", null).doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!appeal) throw new ConflictError("You have already appealed this decision.");
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "appeal",
        targetType: "item",
        targetId: appeal.id,
        reason: note,
      },
      now,
    );
  });
}
