/**
 * What happened to a post in moderation, told to its author: why it was held, hidden
 * or rejected, which house rule a moderator cited, and the one appeal they may make.
 */
import type { Kysely } from "kysely";
import type { Database, ModerationItemStatus, ModerationSource, PostStatus } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { can } from "../permissions";
import { recordAction } from "./audit-log.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { reasonExplanation } from "./moderation-labels";
import { lockPost } from "./post-visibility.server";
import { runTransaction } from "../../db/transaction";
import { postTakenDown } from "./policy";

export interface ReviewSummary {
  itemId: number;
  source: ModerationSource;
  status: ModerationItemStatus;
  reasons: string[];
  /** What the author is told about each rule that held the post. */
  explanations: string[];
  autoHidden: boolean;
  houseRule: { id: number; title: string } | null;
  note: string | null;
  decidedAt: Date | null;
}

function selectSummaries(db: Kysely<Database>) {
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
      "house_rules.id as rule_id",
      "house_rules.title as rule_title",
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>["execute"]>>[number];

function toSummary(row: SummaryRow): ReviewSummary {
  return {
    itemId: row.id,
    source: row.source,
    status: row.status,
    reasons: row.reasons,
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

/** The latest moderation item of each post, for the posts' authors and moderators. */
export async function summarizeReviews(
  db: Kysely<Database>,
  postIds: number[],
): Promise<Map<number, ReviewSummary>> {
  if (postIds.length === 0) return new Map();
  const rows = await selectSummaries(db)
    .where("moderation_items.post_id", "in", postIds)
    // (post_id, id desc) is the index's own order: the first row per post is its latest.
    .orderBy("moderation_items.post_id")
    .orderBy("moderation_items.id", "desc")
    .execute();
  const summaries = new Map<number, ReviewSummary>();
  for (const row of rows) {
    if (!summaries.has(row.post_id)) summaries.set(row.post_id, toSummary(row));
  }
  return summaries;
}

export interface PostReview {
  post: {
    id: number;
    threadId: number;
    threadTitle: string;
    bodyHtml: string;
    status: PostStatus;
    createdAt: Date;
  };
  review: ReviewSummary | null;
  /** The decision that can be appealed, if the author has not appealed it yet. */
  appealable: boolean;
  appeal: { status: ModerationItemStatus; note: string | null; decidedAt: Date | null } | null;
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
  const reviews = await summarizeReviews(db, [postId]);
  const latest = reviews.get(postId) ?? null;
  const decision = await findAppealableDecision(db, postId);
  const appeal = decision
    ? await db
        .selectFrom("moderation_items")
        .select(["status", "decision_note", "decided_at"])
        .where("appeal_of_id", "=", decision.id)
        .executeTakeFirst()
    : undefined;
  // The story shown is the decision itself; an appeal is shown beside it.
  let review = latest;
  if (latest?.source === "appeal" && decision) {
    const row = await selectSummaries(db)
      .where("moderation_items.id", "=", decision.id)
      .executeTakeFirst();
    if (row) review = toSummary(row);
  }
  return {
    post: {
      id: post.id,
      threadId: post.thread_id,
      threadTitle: post.thread_title,
      bodyHtml: post.body_html,
      status: post.status,
      createdAt: post.created_at,
    },
    review,
    appealable:
      post.author_id === viewer.id &&
      decision !== null &&
      appeal === undefined &&
      postTakenDown.holds({ postStatus: post.status }),
    appeal: appeal
      ? { status: appeal.status, note: appeal.decision_note, decidedAt: appeal.decided_at }
      : null,
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
