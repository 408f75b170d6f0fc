/**
 * Every migration, by name, in order. A static list (rather than a folder scan) so
 * migrations work the same from tsx, from the Remix server bundle and from tests.
 */
import type { Migration } from "kysely";
import * as coreContentModel from "./2026-11-23T0900_core_content_model";
import * as ideaSupports from "./2026-11-23T1000_idea_supports";
import * as followingAndNotifications from "./2026-11-23T1100_following_and_notifications";
import * as postRevisions from "./2026-11-23T1200_post_revisions";
import * as announcementsAndHomeArea from "./2026-11-23T1300_announcements_and_home_area";
import * as questionIndexes from "./2026-11-23T1400_question_indexes";
import * as moderation from "./2026-11-23T1500_moderation";
import * as searchFallback from "./2026-11-23T1600_search_fallback";
import * as rateLimits from "./2026-11-23T1610_rate_limits";
import * as outcomes from "./2026-11-23T1700_outcomes";
import * as issueOpened from "./2026-11-23T1710_issue_opened";
import * as accountsAndPrivacy from "./2026-11-23T1800_accounts_and_privacy";
import * as sessionUserAgent from "./2026-11-29T2100_session_user_agent";
import * as issueClosedEarly from "./2026-11-30T0300_issue_closed_early";
import * as issueWindowIndexes from "./2026-11-30T1000_issue_window_indexes";
import * as issueParticipation from "./2026-11-30T1200_issue_participation";
import * as analysisWorkspace from "./2026-11-30T1400_analysis_workspace";
import * as listeningAndOpenData from "./2026-11-30T1600_listening_and_open_data";
import * as secondFactors from "./2026-11-30T1800_second_factors";
import * as passkeysAndSingleSignOn from "./2026-11-30T1900_passkeys_and_single_sign_on";

export const migrations: Record<string, Migration> = {
  "2026-11-23T0900_core_content_model": coreContentModel,
  "2026-11-23T1000_idea_supports": ideaSupports,
  "2026-11-23T1100_following_and_notifications": followingAndNotifications,
  "2026-11-23T1200_post_revisions": postRevisions,
  "2026-11-23T1300_announcements_and_home_area": announcementsAndHomeArea,
  "2026-11-23T1400_question_indexes": questionIndexes,
  "2026-11-23T1500_moderation": moderation,
  "2026-11-23T1600_search_fallback": searchFallback,
  "2026-11-23T1610_rate_limits": rateLimits,
  "2026-11-23T1700_outcomes": outcomes,
  "2026-11-23T1710_issue_opened": issueOpened,
  "2026-11-23T1800_accounts_and_privacy": accountsAndPrivacy,
  "2026-11-29T2100_session_user_agent": sessionUserAgent,
  "2026-11-30T0300_issue_closed_early": issueClosedEarly,
  "2026-11-30T1000_issue_window_indexes": issueWindowIndexes,
  "2026-11-30T1200_issue_participation": issueParticipation,
  "2026-11-30T1400_analysis_workspace": analysisWorkspace,
  "2026-11-30T1600_listening_and_open_data": listeningAndOpenData,
  "2026-11-30T1800_second_factors": secondFactors,
  "2026-11-30T1900_passkeys_and_single_sign_on": passkeysAndSingleSignOn,
};
