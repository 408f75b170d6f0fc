/** The moderation thresholds and blocked terms: read on every post, edited by admins, audited. */
import type { Kysely, Transaction } from "kysely";
import type { ModerationSettings } from "../../moderation/engine";
import type { Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { can } from "../permissions";
import type { ModerationSettingsInput } from "../schemas/moderation";
import { recordAction } from "./audit-log.server";
import { ForbiddenError } from "./errors";
import { runTransaction } from "../../db/transaction";

export interface ForumModerationSettings extends ModerationSettings {
  /** Weighted flags at or above this hide a post until a moderator decides. */
  flagHideThreshold: number;
  /** Whether accounts may post before confirming their email address (off by default). */
  unverifiedMayPost: boolean;
  updatedAt: Date;
  updatedByName: string | null;
}

/** The settings as they are now (one row, created by the migration). */
export async function loadModerationSettings(
  db: Kysely<Database> | Transaction<Database>,
): Promise<ForumModerationSettings> {
  const row = await db
    .selectFrom("moderation_settings")
    .leftJoin("users", "users.id", "moderation_settings.updated_by")
    .selectAll("moderation_settings")
    .select("users.display_name as updated_by_name")
    .executeTakeFirstOrThrow();
  return {
    newAccountPostsHeld: row.new_account_posts_held,
    maxLinksByTrust: row.max_links_by_trust,
    blockedTerms: row.blocked_terms,
    floodPosts: row.flood_posts,
    floodMinutes: row.flood_minutes,
    duplicateMinutes: row.duplicate_minutes,
    shoutingMinLetters: row.shouting_min_letters,
    shoutingRatio: row.shouting_ratio,
    flagHideThreshold: row.flag_hide_threshold,
    unverifiedMayPost: row.unverified_may_post,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
  };
}

function auditable(
  settings: ModerationSettings & { flagHideThreshold: number; unverifiedMayPost: boolean },
) {
  return {
    newAccountPostsHeld: settings.newAccountPostsHeld,
    maxLinksByTrust: settings.maxLinksByTrust,
    blockedTerms: settings.blockedTerms,
    floodPosts: settings.floodPosts,
    floodMinutes: settings.floodMinutes,
    duplicateMinutes: settings.duplicateMinutes,
    shoutingMinLetters: settings.shoutingMinLetters,
    shoutingRatio: settings.shoutingRatio,
    flagHideThreshold: settings.flagHideThreshold,
    unverifiedMayPost: settings.unverifiedMayPost,
  };
}

/** Replaces the settings; the audit log keeps what they were and what they became. */
export async function updateModerationSettings(
  db: Kysely<Database>,
  actor: Viewer,
  input: ModerationSettingsInput,
  now: Date,
): Promise<void> {
  if (!can(actor, "manage:moderation:any")) throw new ForbiddenError();
  await runTransaction(db, async (trx) => {
    const before = await loadModerationSettings(trx);
    await trx
      .updateTable("moderation_settings")
      .set({
        new_account_posts_held: input.newAccountPostsHeld,
        max_links_by_trust: input.maxLinksByTrust,
        blocked_terms: input.blockedTerms,
        flood_posts: input.floodPosts,
        flood_minutes: input.floodMinutes,
        duplicate_minutes: input.duplicateMinutes,
        shouting_min_letters: input.shoutingMinLetters,
        shouting_ratio: input.shoutingRatio,
        flag_hide_threshold: input.flagHideThreshold,
        unverified_may_post: input.unverifiedMayPost,
        updated_at: now,
        updated_by: actor.id,
      })
      .execute();
    await recordAction(
      trx,
      {
        actorId: actor.id,
        action: "update_settings",
        targetType: "settings",
        targetId: null,
        before: auditable(before),
        after: auditable(input),
      },
      now,
    );
  });
}
