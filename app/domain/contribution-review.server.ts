/**
 * The step every new contribution passes through before it is stored: gather the
 * author's record, ask the pure rules engine (moderation/) and, for a held post,
 * open its queue item in the same transaction as the post itself.
 */
import { sql, type Transaction } from "kysely";
import { assessContribution, type ModerationDecision } from "../../moderation/engine";
import { REASON_EXPLANATIONS } from "../../moderation/reasons";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { can, isStaff } from "../permissions";
import { recordAction } from "./audit-log.server";
import { ConflictError } from "./errors";
import { loadModerationSettings } from "./moderation-settings.server";
import { openingPostIdOf } from "./opening-post.server";
import { deletedPost, publishedPost } from "./policy";

/**
 * Asks the rules engine about a contribution; a refusal (a duplicate) is thrown as a 409.
 * An edit is checked for its content only (links, blocked terms, personal data,
 * shouting): the account's age and pace were judged when the post was first written.
 */
export async function reviewContribution(
  trx: Transaction<Database>,
  actor: Viewer,
  content: { body: string; title?: string; threadId?: number },
  now: Date,
  options: { edit?: boolean } = {},
): Promise<ModerationDecision> {
  const settings = await loadModerationSettings(trx);
  if (options.edit) {
    const author = await trx
      .selectFrom("users")
      .select("trust_level")
      .where("id", "=", actor.id)
      .executeTakeFirstOrThrow();
    return assessContribution(
      content,
      {
        trustLevel: author.trust_level,
        publishedPosts: Number.MAX_SAFE_INTEGER,
        recentPosts: [],
        isStaff: isStaff(actor) || can(actor, "moderate:post:any"),
      },
      settings,
      now,
    );
  }
  const windowMinutes = Math.max(settings.floodMinutes, settings.duplicateMinutes);
  const since = new Date(now.getTime() - windowMinutes * 60_000);
  const author = await trx
    .selectFrom("users")
    .select("trust_level")
    .where("id", "=", actor.id)
    .executeTakeFirstOrThrow();
  // Counting stops at the threshold: a prolific author costs no more than a new one.
  const published = await trx
    .selectFrom((eb) =>
      eb
        .selectFrom("posts")
        .select("id")
        .where("posts.author_id", "=", actor.id)
        .where(publishedPost.where)
        .limit(Math.max(settings.newAccountPostsHeld, 1))
        .as("p"),
    )
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  const recent = await trx
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select([
      "posts.body_md",
      "posts.created_at",
      "threads.title",
      "posts.thread_id",
      openingPostIdOf("posts.thread_id").as("opening_id"),
      "posts.id",
    ])
    .where("posts.author_id", "=", actor.id)
    .where((eb) => eb.not(deletedPost.where(eb)))
    .where("posts.created_at", ">=", since)
    .orderBy("posts.id", "desc")
    .limit(100)
    .execute();
  const decision = assessContribution(
    content,
    {
      trustLevel: author.trust_level,
      publishedPosts: published.n,
      recentPosts: recent.map((p) => ({
        body: p.opening_id === p.id ? `${p.title}\n${p.body_md}` : p.body_md,
        createdAt: p.created_at,
        threadId: p.thread_id,
      })),
      isStaff: isStaff(actor) || can(actor, "moderate:post:any"),
    },
    settings,
    now,
  );
  if (decision.action === "reject") {
    throw new ConflictError(decision.reasons.map((r) => REASON_EXPLANATIONS[r]).join(" "));
  }
  return decision;
}

/** Opens the queue item for a post the rules held, and notes it in the audit log. */
export async function holdPost(
  trx: Transaction<Database>,
  postId: number,
  decision: ModerationDecision,
  now: Date,
  action: "hold" | "hold_edit" = "hold",
): Promise<void> {
  await trx
    .insertInto("moderation_items")
    .values({ post_id: postId, source: "rule", reasons: decision.reasons, created_at: now })
    .execute();
  await recordAction(
    trx,
    {
      actorId: null,
      action,
      targetType: "post",
      targetId: postId,
      reason: decision.reasons.join(", "),
      after: decision.personalData.length ? { personalData: decision.personalData } : undefined,
    },
    now,
  );
}
