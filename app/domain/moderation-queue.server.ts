/**
 * The moderation queue, read side: what is waiting, oldest first, with enough about
 * each item (reasons, flags, the author's record, its age) to decide without digging.
 */
import { sql, type Kysely } from "kysely";
import type {
  Database,
  FlagReason,
  ModerationItemStatus,
  ModerationSource,
  PostStatus,
} from "../../db/schema";
import type { Viewer } from "../auth.server";
import { can } from "../permissions";
import { listActionsOn, type AuditRow } from "./audit-log.server";
import { ForbiddenError, NotFoundError } from "./errors";
import { openingPostIdOf } from "./opening-post.server";
import { parseDateCursor } from "../schemas/query";
import { postTakenDown, publishedPost } from "./policy";
import {
  allowedDecisions,
  isExcludedFromItem,
  mayDecideInBulk,
  type DecisionIntent,
} from "./policy";

/** A claim lapses after this long, so an item is never stuck with someone who left. */
export const CLAIM_MINUTES = 30;
export const QUEUE_PAGE_SIZE = 25;

export function isClaimActive(claimedAt: Date | null, now: Date): boolean {
  return claimedAt !== null && now.getTime() - claimedAt.getTime() < CLAIM_MINUTES * 60_000;
}

export interface QueueFilters {
  /** A rule reason code, a flag reason, or "appeal". */
  reason?: string | null;
  areaId?: number | null;
  issueId?: number | null;
  /** Cursor: "<created_at ISO>_<id>" of the last item of the previous page. */
  after?: string | null;
}

export interface AuthorRecord {
  id: number;
  name: string;
  joinedAt: Date;
  trustLevel: number;
  publishedPosts: number;
  removedPosts: number;
  sanctions: number;
  suspendedUntil: Date | null;
  bannedAt: Date | null;
}

export interface QueueItem {
  id: number;
  version: number;
  source: ModerationSource;
  reasons: string[];
  flagScore: number;
  flagCount: number;
  autoHidden: boolean;
  createdAt: Date;
  claimedBy: { id: number; name: string } | null;
  escalatedTo: string | null;
  appealNote: string | null;
  /** The viewer decided the original, so another moderator should decide this appeal. */
  excludedForViewer: boolean;
  /** Whether the viewer may approve or reject it together with others from the queue. */
  bulkDecidable: boolean;
  post: { id: number; status: PostStatus; bodyHtml: string; createdAt: Date; isOpening: boolean };
  thread: { id: number; title: string };
  issue: { slug: string; title: string };
  areaName: string;
  author: AuthorRecord;
}

function assertModerator(viewer: Viewer): void {
  if (!can(viewer, "moderate:post:any")) throw new ForbiddenError();
}

function selectItems(db: Kysely<Database>) {
  return db
    .selectFrom("moderation_items as item")
    .innerJoin("posts", "posts.id", "item.post_id")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .innerJoin("users as author", "author.id", "posts.author_id")
    .leftJoin("users as claimer", "claimer.id", "item.claimed_by")
    .leftJoin("users as officer", "officer.id", "item.escalated_to")
    .select((eb) => [
      "item.id",
      "item.version",
      "item.source",
      "item.reasons",
      "item.flag_score",
      "item.auto_hidden",
      "item.created_at",
      "item.status",
      "item.claimed_by",
      "item.claimed_at",
      "claimer.display_name as claimer_name",
      "officer.display_name as officer_name",
      "item.escalated_to",
      "item.appeal_note",
      "item.excluded_moderator_id",
      "posts.id as post_id",
      "posts.status as post_status",
      "posts.body_html",
      "posts.body_md",
      "posts.created_at as post_created_at",
      "threads.id as thread_id",
      "threads.title as thread_title",
      "issues.slug as issue_slug",
      "issues.title as issue_title",
      "issues.id as issue_id",
      "areas.name as area_name",
      "author.id as author_id",
      "author.display_name as author_name",
      "author.created_at as author_joined",
      "author.trust_level as author_trust",
      "author.suspended_until as author_suspended_until",
      "author.banned_at as author_banned_at",
      openingPostIdOf("threads.id").as("opening_id"),
      eb
        .selectFrom("flags")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("flags.post_id", "=", "posts.id")
        .where("flags.resolved_at", "is", null)
        .as("flag_count"),
      // (Inside these subqueries `posts` is the author's other posts: it shadows the outer one.)
      eb
        .selectFrom("posts")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("posts.author_id", "=", "author.id")
        .where(publishedPost.where)
        .as("author_published"),
      eb
        .selectFrom("posts")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("posts.author_id", "=", "author.id")
        .where(postTakenDown.where)
        .as("author_removed"),
      eb
        .selectFrom("sanctions")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("sanctions.user_id", "=", "author.id")
        .as("author_sanctions"),
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>["execute"]>>[number];

function toQueueItem(row: ItemRow, viewer: Viewer, now: Date): QueueItem {
  const claimActive = isClaimActive(row.claimed_at, now);
  return {
    id: row.id,
    version: row.version,
    source: row.source,
    reasons: row.reasons,
    flagScore: row.flag_score,
    flagCount: row.flag_count ?? 0,
    autoHidden: row.auto_hidden,
    createdAt: row.created_at,
    claimedBy:
      claimActive && row.claimed_by !== null
        ? { id: row.claimed_by, name: row.claimer_name ?? "a moderator" }
        : null,
    escalatedTo: row.officer_name,
    appealNote: row.appeal_note,
    excludedForViewer: row.excluded_moderator_id === viewer.id,
    bulkDecidable: mayDecideInBulk(viewer, row),
    post: {
      id: row.post_id,
      status: row.post_status,
      bodyHtml: row.body_html,
      createdAt: row.post_created_at,
      isOpening: row.opening_id === row.post_id,
    },
    thread: { id: row.thread_id, title: row.thread_title },
    issue: { slug: row.issue_slug, title: row.issue_title },
    areaName: row.area_name,
    author: {
      id: row.author_id,
      name: row.author_name,
      joinedAt: row.author_joined,
      trustLevel: row.author_trust,
      publishedPosts: row.author_published ?? 0,
      removedPosts: row.author_removed ?? 0,
      sanctions: row.author_sanctions ?? 0,
      suspendedUntil: row.author_suspended_until,
      bannedAt: row.author_banned_at,
    },
  };
}

/** A page of open items, oldest first, filtered by reason, area or issue. */
export async function listQueue(
  db: Kysely<Database>,
  viewer: Viewer,
  filters: QueueFilters,
  now: Date,
): Promise<{ items: QueueItem[]; next: string | null }> {
  assertModerator(viewer);
  let query = selectItems(db).where("item.status", "=", "open");
  if (filters.reason === "appeal") query = query.where("item.source", "=", "appeal");
  else if (filters.reason) query = query.where(sql<boolean>`${filters.reason} = any(item.reasons)`);
  if (filters.areaId) query = query.where("issues.area_id", "=", filters.areaId);
  if (filters.issueId) query = query.where("issues.id", "=", filters.issueId);
  const after = parseDateCursor(filters.after);
  if (after)
    query = query.where(sql<boolean>`(item.created_at, item.id) > (${after.at}, ${after.id})`);
  const rows = await query
    .orderBy("item.created_at")
    .orderBy("item.id")
    .limit(QUEUE_PAGE_SIZE + 1)
    .execute();
  const items = rows.slice(0, QUEUE_PAGE_SIZE).map((row) => toQueueItem(row, viewer, now));
  const last = items.at(-1);
  return {
    items,
    next:
      rows.length > QUEUE_PAGE_SIZE && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
  };
}

/** How many items wait for a moderator: the number in moderators' headers. */
export async function countOpenItems(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("moderation_items")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface ItemFlag {
  reason: FlagReason;
  note: string | null;
  weight: number;
  flaggerName: string;
  createdAt: Date;
  resolution: "upheld" | "dismissed" | null;
}

export interface ItemDetail extends QueueItem {
  status: ModerationItemStatus;
  bodyMd: string;
  flags: ItemFlag[];
  /** For an appeal: the decision being appealed. */
  appealOf: {
    status: ModerationItemStatus;
    deciderName: string | null;
    note: string | null;
    ruleTitle: string | null;
  } | null;
  history: AuditRow[];
  /** Whether the viewer may act on it (moderators), or only advise (the escalated officer). */
  viewerRole: "moderator" | "adviser";
  /** Whether another moderator exists to take an appeal the viewer is excluded from. */
  anotherModeratorExists: boolean;
  /** The decisions the viewer may make now, in the order the page offers them. */
  allowedDecisions: readonly DecisionIntent[];
  /** The viewer made the decision this appeal is about, and another moderator can take it. */
  excludedByAppeal: boolean;
}

/** One item with its flags, history and the decision it appeals, for the item page. */
export async function getItem(
  db: Kysely<Database>,
  viewer: Viewer,
  itemId: number,
  now: Date,
): Promise<ItemDetail> {
  const row = await selectItems(db).where("item.id", "=", itemId).executeTakeFirst();
  const moderator = can(viewer, "moderate:post:any");
  if (!row || (!moderator && row.escalated_to !== viewer.id)) {
    throw new NotFoundError("We couldn't find that moderation item.");
  }
  const [flags, appealOf, history, others] = await Promise.all([
    db
      .selectFrom("flags")
      .innerJoin("users", "users.id", "flags.user_id")
      .select([
        "flags.reason",
        "flags.note",
        "flags.weight",
        "users.display_name as flaggerName",
        "flags.created_at as createdAt",
        "flags.resolution",
      ])
      .where("flags.post_id", "=", row.post_id)
      .orderBy("flags.id")
      .execute(),
    db
      .selectFrom("moderation_items as original")
      .innerJoin("moderation_items as appeal", "appeal.appeal_of_id", "original.id")
      .leftJoin("users", "users.id", "original.decided_by")
      .leftJoin("house_rules", "house_rules.id", "original.house_rule_id")
      .select([
        "original.status",
        "users.display_name as deciderName",
        "original.decision_note as note",
        "house_rules.title as ruleTitle",
      ])
      .where("appeal.id", "=", itemId)
      .executeTakeFirst(),
    listActionsOn(db, [
      { type: "item", id: itemId },
      { type: "post", id: row.post_id },
    ]),
    anotherModeratorExists(db, viewer.id),
  ]);
  const decidable = { ...row, excludedModeratorId: row.excluded_moderator_id };
  return {
    ...toQueueItem(row, viewer, now),
    status: row.status,
    bodyMd: row.body_md,
    flags,
    appealOf: appealOf ?? null,
    history,
    viewerRole: moderator ? "moderator" : "adviser",
    anotherModeratorExists: others,
    allowedDecisions: allowedDecisions(viewer, decidable, others),
    excludedByAppeal: isExcludedFromItem(viewer, decidable, others),
  };
}

/** Whether someone other than `userId` can moderate: an appeal must go to them if so. */
export async function anotherModeratorExists(
  db: Kysely<Database>,
  userId: number,
): Promise<boolean> {
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("role", "in", ["moderator", "admin"])
    .where("id", "!=", userId)
    .where("banned_at", "is", null)
    .where("deleted_at", "is", null)
    .limit(1)
    .execute();
  return rows.length > 0;
}

/** Officers a moderator can ask for advice. */
export async function listOfficers(
  db: Kysely<Database>,
): Promise<{ id: number; name: string; team: string | null }[]> {
  return db
    .selectFrom("users")
    .select(["id", "display_name as name", "team"])
    .where("role", "=", "officer")
    .where("deleted_at", "is", null)
    .orderBy("display_name")
    .execute();
}
