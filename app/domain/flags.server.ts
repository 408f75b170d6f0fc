/**
 * Flags: a signed-in resident tells the moderators a post breaks the rules. One flag
 * per person per post, weighted by the flagger's trust and record. The first flag
 * queues the post; once the weights reach the threshold the post is hidden at once.
 */
import { sql, type Kysely } from "kysely";
import { flagsHidePost, flagWeight } from "../../moderation/flags";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { enqueueEvent } from "../jobs/outbox.server";
import type { FlagInput } from "../schemas/moderation";
import { recordAction } from "./audit-log.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { loadModerationSettings } from "./moderation-settings.server";
import { assertMayContribute } from "./participation.server";
import { lockPost, removePostFromView } from "./post-visibility.server";
import { runTransaction } from "../../db/transaction";
import { publicPost, publishedPost } from "./policy";

export interface FlagOutcome {
  /** Whether this flag took the post out of view. */
  hidden: boolean;
  threadId: number;
}

/** A post someone may flag: public, in a public thread, not their own. */
export async function getFlaggablePost(
  db: Kysely<Database>,
  actor: Viewer,
  postId: number,
): Promise<{
  id: number;
  threadId: number;
  threadTitle: string;
  authorName: string;
  bodyHtml: string;
  alreadyFlagged: boolean;
}> {
  const post = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .select((eb) => [
      "posts.id",
      "posts.thread_id",
      "posts.author_id",
      "threads.title",
      "users.display_name",
      "posts.body_html",
      eb
        .exists(
          eb
            .selectFrom("flags")
            .select("flags.id")
            .whereRef("flags.post_id", "=", "posts.id")
            .where("flags.user_id", "=", actor.id),
        )
        .as("flagged"),
    ])
    .where("posts.id", "=", postId)
    .where(publicPost.where)
    .executeTakeFirst();
  if (!post) throw new NotFoundError("We couldn't find that post. It may have been removed.");
  if (post.author_id === actor.id) throw new ForbiddenError("You can't flag your own post.");
  return {
    id: post.id,
    threadId: post.thread_id,
    threadTitle: post.title,
    authorName: post.display_name,
    bodyHtml: post.body_html,
    alreadyFlagged: Boolean(post.flagged),
  };
}

/** Flags a post once; may hide it when the flags' weights reach the threshold. */
export async function flagPost(
  db: Kysely<Database>,
  actor: Viewer,
  postId: number,
  input: FlagInput,
  now: Date,
): Promise<FlagOutcome> {
  assertMayContribute(actor, now);
  await getFlaggablePost(db, actor, postId);
  return runTransaction(db, async (trx) => {
    const post = await lockPost(trx, postId);
    if (!publishedPost.holds({ postStatus: post.status })) {
      throw new NotFoundError("We couldn't find that post. It may have been removed.");
    }
    const record = await trx
      .selectFrom("users")
      .select((eb) => [
        "users.trust_level",
        eb
          .selectFrom("flags")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("flags.user_id", "=", "users.id")
          .where("flags.resolution", "=", "upheld")
          .as("upheld"),
        eb
          .selectFrom("flags")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("flags.user_id", "=", "users.id")
          .where("flags.resolution", "=", "dismissed")
          .as("dismissed"),
      ])
      .where("users.id", "=", actor.id)
      .executeTakeFirstOrThrow();
    const weight = flagWeight({
      trustLevel: record.trust_level,
      upheld: record.upheld ?? 0,
      dismissed: record.dismissed ?? 0,
    });
    const flag = await trx
      .insertInto("flags")
      .values({
        post_id: postId,
        user_id: actor.id,
        reason: input.reason,
        note: input.note,
        weight,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["post_id", "user_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!flag) throw new ConflictError("You have already flagged this post. Thank you.");

    const { score } = await trx
      .selectFrom("flags")
      .select(sql<number>`coalesce(sum(weight), 0)::float8`.as("score"))
      .where("post_id", "=", postId)
      .where("resolved_at", "is", null)
      .executeTakeFirstOrThrow();
    const settings = await loadModerationSettings(trx);
    const hide = flagsHidePost(score, settings.flagHideThreshold);
    // One open item per post: a later flag adds its reason and the new score to it.
    const item = await trx
      .insertInto("moderation_items")
      .values({
        post_id: postId,
        source: "flag",
        reasons: [input.reason],
        flag_score: score,
        auto_hidden: hide,
        created_at: now,
      })
      .onConflict((oc) =>
        oc
          .column("post_id")
          .where("status", "=", "open")
          .doUpdateSet({
            reasons: sql<
              string[]
            >`array(select distinct unnest(moderation_items.reasons || excluded.reasons))`,
            flag_score: score,
            auto_hidden: sql<boolean>`moderation_items.auto_hidden or ${hide}`,
            version: sql<number>`moderation_items.version + 1`,
          }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    if (hide) {
      await removePostFromView(trx, post, "hidden");
      await recordAction(
        trx,
        {
          actorId: null,
          action: "auto_hide",
          targetType: "post",
          targetId: postId,
          reason: `Flags reached ${score} (threshold ${settings.flagHideThreshold})`,
        },
        now,
      );
      await enqueueEvent(trx, "moderation.auto_hidden", { itemId: item.id });
    }
    return { hidden: hide, threadId: post.threadId };
  });
}
