/**
 * The moderation queue, write side: claiming an item and deciding it. Every decision
 * runs as one transaction (lock the item, check the version the moderator saw, change
 * the post, resolve the flags, write the audit row, queue the notices) and tells the
 * second of two moderators acting at once that the first already handled it.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, ModerationItemStatus, ModerationSource } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import { enqueueEvent } from "../jobs/outbox.server";
import { enqueueSearchSync } from "../jobs/search-sync.server";
import { can } from "../permissions";
import { recordAction } from "./audit-log.server";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "./errors";
import { ITEM_STATUS_LABEL } from "./moderation-labels";
import { loadModerationSettings } from "./moderation-settings.server";
import { anotherModeratorExists, isClaimActive } from "./moderation-queue.server";
import { lockPost, publishPost, removePostFromView } from "./post-visibility.server";
import { runTransaction } from "../../db/transaction";
import { deletedPost, publishedPost } from "./policy";
import { DECISIONS_BY_SOURCE, DECISIONS_EXPLAINED, isExcludedFromItem } from "./policy";

interface OpenItem {
  id: number;
  postId: number;
  source: ModerationSource;
  version: number;
  autoHidden: boolean;
  escalatedTo: number | null;
}

function assertModerator(actor: Viewer): void {
  if (!can(actor, "moderate:post:any")) throw new ForbiddenError();
}

/** The post a moderation item is about (an item's post never changes, so no lock). */
async function postIdOfItem(trx: Transaction<Database>, itemId: number): Promise<number> {
  const row = await trx
    .selectFrom("moderation_items")
    .select("post_id")
    .where("id", "=", itemId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("We couldn't find that moderation item.");
  return row.post_id;
}

/**
 * Locks an item that is still open, at the version the moderator saw. Refusals say who
 * got there first, so nobody redoes (or undoes) a colleague's work.
 */
async function lockOpenItem(
  trx: Transaction<Database>,
  actor: Viewer,
  itemId: number,
  version: number,
  now: Date,
  options: { claiming?: boolean } = {},
): Promise<OpenItem> {
  const item = await trx
    .selectFrom("moderation_items as item")
    .leftJoin("users as decider", "decider.id", "item.decided_by")
    .leftJoin("users as claimer", "claimer.id", "item.claimed_by")
    .select([
      "item.id",
      "item.post_id",
      "item.source",
      "item.status",
      "item.version",
      "item.auto_hidden",
      "item.claimed_by",
      "item.claimed_at",
      "item.escalated_to",
      "item.excluded_moderator_id",
      "decider.display_name as decider_name",
      "claimer.display_name as claimer_name",
    ])
    .where("item.id", "=", itemId)
    .modifyEnd(sql`for update of item`)
    .executeTakeFirst();
  if (!item) throw new NotFoundError("We couldn't find that moderation item.");
  if (item.status !== "open") {
    const who = item.decider_name ?? "another moderator";
    throw new ConflictError(
      item.status === "withdrawn"
        ? "Already handled: its author deleted the post."
        : `Already handled by ${who}: ${ITEM_STATUS_LABEL[item.status].toLowerCase()}.`,
    );
  }
  if (
    item.claimed_by !== null &&
    item.claimed_by !== actor.id &&
    isClaimActive(item.claimed_at, now)
  ) {
    throw new ConflictError(
      `${item.claimer_name ?? "Another moderator"} is working on this item. Pick another one, or try again later.`,
    );
  }
  if (item.version !== version) {
    throw new ConflictError(
      "This item changed since you opened it (new flags, a claim or an escalation). Check it again before you decide.",
    );
  }
  const decidable = { ...item, excludedModeratorId: item.excluded_moderator_id };
  // (Whether another moderator exists is only asked when it matters.)
  if (
    !options.claiming &&
    isExcludedFromItem(actor, decidable, true) &&
    (await anotherModeratorExists(trx, actor.id))
  ) {
    throw new ForbiddenError(
      "You made the decision being appealed, so another moderator must decide the appeal.",
    );
  }
  return {
    id: item.id,
    postId: item.post_id,
    source: item.source,
    version: item.version,
    autoHidden: item.auto_hidden,
    escalatedTo: item.escalated_to,
  };
}

async function closeItem(
  trx: Transaction<Database>,
  actor: Viewer,
  item: OpenItem,
  status: ModerationItemStatus,
  decision: { note: string | null; houseRuleId?: number | null },
  now: Date,
): Promise<void> {
  await trx
    .updateTable("moderation_items")
    .set({
      status,
      decided_by: actor.id,
      decided_at: now,
      decision_note: decision.note,
      house_rule_id: decision.houseRuleId ?? null,
      claimed_by: null,
      claimed_at: null,
      version: item.version + 1,
    })
    .where("id", "=", item.id)
    .execute();
  await enqueueEvent(trx, "moderation.decided", { itemId: item.id });
}

async function resolveFlags(
  trx: Transaction<Database>,
  postId: number,
  resolution: "upheld" | "dismissed",
  now: Date,
): Promise<void> {
  await trx
    .updateTable("flags")
    .set({ resolution, resolved_at: now })
    .where("post_id", "=", postId)
    .where("resolved_at", "is", null)
    .execute();
}

async function assertHouseRule(trx: Transaction<Database>, ruleId: number): Promise<string> {
  const rule = await trx
    .selectFrom("house_rules")
    .select("title")
    .where("id", "=", ruleId)
    .where("retired_at", "is", null)
    .executeTakeFirst();
  if (!rule) throw new NotFoundError("That house rule no longer exists. Choose another.");
  return rule.title;
}

/**
 * A new account earns trust level 1 once enough of its posts have been approved, and
 * is no longer pre-moderated from then on.
 */
async function promoteIfEarned(
  trx: Transaction<Database>,
  authorId: number,
  now: Date,
): Promise<void> {
  const settings = await loadModerationSettings(trx);
  const author = await trx
    .selectFrom("users")
    .select((eb) => [
      "trust_level",
      eb
        .selectFrom("posts")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("posts.author_id", "=", authorId)
        .where(publishedPost.where)
        .as("published"),
    ])
    .where("id", "=", authorId)
    .executeTakeFirstOrThrow();
  if (author.trust_level > 0 || (author.published ?? 0) < settings.newAccountPostsHeld) return;
  await trx.updateTable("users").set({ trust_level: 1 }).where("id", "=", authorId).execute();
  await recordAction(
    trx,
    {
      actorId: null,
      action: "raise_trust",
      targetType: "user",
      targetId: authorId,
      before: { trustLevel: 0 },
      after: { trustLevel: 1 },
    },
    now,
  );
}

export type Decision =
  | { intent: "approve"; note: string | null }
  | { intent: "reject"; houseRuleId: number; note: string | null }
  | { intent: "edit-approve"; body: string; note: string | null }
  | { intent: "hide"; houseRuleId: number; note: string | null }
  | { intent: "ignore"; note: string | null };

/**
 * Decides an open item. For an appeal, "approve" restores the post and "reject" upholds
 * the original decision; either way the outcome is final.
 */
export async function decideItem(
  db: Kysely<Database>,
  actor: Viewer,
  itemId: number,
  version: number,
  decision: Decision,
  now: Date,
): Promise<{ status: ModerationItemStatus }> {
  assertModerator(actor);
  return runTransaction(db, async (trx) => {
    // LOCK_ORDER: the item's thread and post first, then the item itself.
    const post = await lockPost(trx, await postIdOfItem(trx, itemId));
    const item = await lockOpenItem(trx, actor, itemId, version, now);
    if (!DECISIONS_BY_SOURCE[item.source].includes(decision.intent)) {
      throw new ConflictError(DECISIONS_EXPLAINED[item.source]);
    }
    if (deletedPost.holds({ postStatus: post.status })) {
      throw new ConflictError("Its author deleted this post, so there is nothing to decide.");
    }
    const before = { status: post.status };
    let status: ModerationItemStatus;
    let ruleTitle: string | null = null;
    switch (decision.intent) {
      case "approve":
      case "ignore": {
        await publishPost(trx, post, now);
        status = decision.intent === "ignore" ? "ignored" : "approved";
        if (item.source === "flag") await resolveFlags(trx, post.id, "dismissed", now);
        if (item.source === "rule") await promoteIfEarned(trx, post.authorId, now);
        await closeItem(trx, actor, item, status, { note: decision.note }, now);
        break;
      }
      case "edit-approve": {
        // The public history of the post loses its earlier versions too: a redaction
        // exists to take something out of view. The audit log keeps the original.
        await trx.deleteFrom("post_revisions").where("post_id", "=", post.id).execute();
        await trx
          .updateTable("posts")
          .set({
            body_md: decision.body,
            body_html: renderMarkdown(decision.body),
            version: sql<number>`version + 1`,
          })
          .where("id", "=", post.id)
          .execute();
        await publishPost(trx, post, now);
        await enqueueSearchSync(trx, { kind: "post", id: post.id });
        status = "edited";
        if (item.source === "flag") await resolveFlags(trx, post.id, "upheld", now);
        if (item.source === "rule") await promoteIfEarned(trx, post.authorId, now);
        await closeItem(trx, actor, item, status, { note: decision.note }, now);
        await recordAction(
          trx,
          {
            actorId: actor.id,
            action: "redact",
            targetType: "post",
            targetId: post.id,
            reason: decision.note,
            before: { body: post.bodyMd },
            after: { body: decision.body },
          },
          now,
        );
        break;
      }
      case "reject":
      case "hide": {
        ruleTitle = await assertHouseRule(trx, decision.houseRuleId);
        if (item.source !== "appeal") {
          await removePostFromView(trx, post, decision.intent === "hide" ? "hidden" : "rejected");
        }
        status = decision.intent === "hide" ? "hidden" : "rejected";
        if (item.source === "flag") await resolveFlags(trx, post.id, "upheld", now);
        await closeItem(
          trx,
          actor,
          item,
          status,
          { note: decision.note, houseRuleId: decision.houseRuleId },
          now,
        );
        break;
      }
    }
    const after = await trx
      .selectFrom("posts")
      .select("status")
      .where("id", "=", post.id)
      .executeTakeFirstOrThrow();
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: item.source === "appeal" ? `appeal_${status}` : decision.intent.replace("-", "_"),
        targetType: "item",
        targetId: item.id,
        reason:
          [ruleTitle ? `House rule: ${ruleTitle}` : null, decision.note]
            .filter(Boolean)
            .join(" — ") || null,
        before,
        after: { status: after.status },
      },
      now,
    );
    return { status };
  });
}

/** Claims an item (or takes over a lapsed claim), so colleagues see someone has it. */
export function claimItem(
  db: Kysely<Database>,
  actor: Viewer,
  itemId: number,
  version: number,
  now: Date,
): Promise<void> {
  return changeClaim(db, actor, { itemId, version, claim: true }, now);
}

/** Gives an item back to the queue. */
export function releaseItem(
  db: Kysely<Database>,
  actor: Viewer,
  itemId: number,
  version: number,
  now: Date,
): Promise<void> {
  return changeClaim(db, actor, { itemId, version, claim: false }, now);
}

async function changeClaim(
  db: Kysely<Database>,
  actor: Viewer,
  change: { itemId: number; version: number; claim: boolean },
  now: Date,
): Promise<void> {
  assertModerator(actor);
  await runTransaction(db, async (trx) => {
    const item = await lockOpenItem(trx, actor, change.itemId, change.version, now, {
      claiming: true,
    });
    await trx
      .updateTable("moderation_items")
      .set({
        claimed_by: change.claim ? actor.id : null,
        claimed_at: change.claim ? now : null,
        version: item.version + 1,
      })
      .where("id", "=", item.id)
      .execute();
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: change.claim ? "claim" : "release",
        targetType: "item",
        targetId: item.id,
      },
      now,
    );
  });
}

/** Asks an officer for advice on an item; it stays in the queue, marked as escalated. */
export async function escalateItem(
  db: Kysely<Database>,
  actor: Viewer,
  itemId: number,
  version: number,
  input: { officerId: number; note: string },
  now: Date,
): Promise<void> {
  assertModerator(actor);
  await runTransaction(db, async (trx) => {
    const item = await lockOpenItem(trx, actor, itemId, version, now);
    const officer = await trx
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("id", "=", input.officerId)
      .where("role", "=", "officer")
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!officer) throw new NotFoundError("Choose an officer from the list.");
    await trx
      .updateTable("moderation_items")
      .set({
        escalated_to: officer.id,
        escalated_at: now,
        escalation_note: input.note,
        version: item.version + 1,
      })
      .where("id", "=", item.id)
      .execute();
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "escalate",
        targetType: "item",
        targetId: item.id,
        reason: input.note,
        after: { officer: officer.display_name },
      },
      now,
    );
    await enqueueEvent(trx, "moderation.escalated", { itemId: item.id });
  });
}

/** The escalated officer (or a moderator) adds advice; it joins the item's history. */
export async function adviseOnItem(
  db: Kysely<Database>,
  actor: Viewer,
  itemId: number,
  note: string,
  now: Date,
): Promise<void> {
  await runTransaction(db, async (trx) => {
    const item = await trx
      .selectFrom("moderation_items")
      .select(["id", "escalated_to"])
      .where("id", "=", itemId)
      .executeTakeFirst();
    if (!item || (item.escalated_to !== actor.id && !can(actor, "moderate:post:any"))) {
      throw new NotFoundError("We couldn't find that moderation item.");
    }
    await recordAction(
      trx,
      { actorId: actor.id, action: "advise", targetType: "item", targetId: itemId, reason: note },
      now,
    );
  });
}

export interface BulkResult {
  done: number;
  refused: string[];
}

/**
 * Approves or rejects many held posts at once. Each item is its own transaction, so one
 * that a colleague already handled is reported and skipped, not a reason to undo the rest.
 */
export async function decideItemsInBulk(
  db: Kysely<Database>,
  actor: Viewer,
  items: { id: number; version: number }[],
  decision: { intent: "approve" } | { intent: "reject"; houseRuleId: number | null },
  now: Date,
): Promise<BulkResult> {
  assertModerator(actor);
  if (items.length === 0) throw new InvalidInputError("Choose at least one item.");
  // A rejection tells each author which house rule their post breaks.
  const houseRuleId = decision.intent === "reject" ? decision.houseRuleId : null;
  if (decision.intent === "reject" && houseRuleId === null) {
    throw new InvalidInputError("Choose the house rule these posts break.", {
      houseRuleId: "Choose the house rule these posts break",
    });
  }
  const result: BulkResult = { done: 0, refused: [] };
  for (const item of items) {
    try {
      await decideItem(
        db,
        actor,
        item.id,
        item.version,
        houseRuleId === null
          ? { intent: "approve", note: null }
          : { intent: "reject", houseRuleId, note: null },
        now,
      );
      result.done += 1;
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof ForbiddenError)) throw error;
      result.refused.push(`Item ${item.id}: ${error.message}`);
    }
  }
  return result;
}
