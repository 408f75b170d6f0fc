/**
 * The typed shape of Parley's PostgreSQL database, as the migrations leave it.
 * Nullable columns are `T | null`, never optional; generated columns are `Generated<T>`.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A timestamptz column: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export const ROLES = ["resident", "moderator", "officer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ISSUE_STATUSES = ["draft", "open", "closed", "responded"] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const THREAD_KINDS = ["discussion", "idea", "question"] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

export const POST_STATUSES = ["published", "pending", "hidden", "rejected", "deleted"] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export interface UsersTable {
  id: Generated<number>;
  /** Stored trimmed and lower-cased; unique. */
  email: string;
  display_name: string;
  password_hash: string | null;
  role: ColumnType<Role, Role | undefined, Role>;
  /** Staff team shown on an officer's posts, e.g. "Highways". */
  team: string | null;
  trust_level: ColumnType<number, number | undefined, number>;
  email_verified_at: Timestamp | null;
  suspended_until: Timestamp | null;
  banned_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  home_area_id: ColumnType<number | null, number | null | undefined, number | null>;
  bio: ColumnType<string, string | undefined, string>;
  /** Why the account is suspended or banned, shown to its owner. */
  sanction_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  /** SHA-256 of the session token: the token itself is only ever in the cookie. */
  id: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: CreatedAt;
  /** Last request on this session, for the idle timeout (written at most once a minute). */
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  /** The User-Agent that signed in (cut to 300 characters), to tell sessions apart. */
  user_agent: ColumnType<string | null, string | null | undefined, string | null>;
  /** When this session gave its second factor; null while it has not. */
  second_factor_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  second_factor_method: ColumnType<
    SecondFactorMethod | null,
    SecondFactorMethod | null | undefined,
    SecondFactorMethod | null
  >;
  /** The OpenID Connect provider this session signed in through, and its session id. */
  oidc_provider: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_sid: ColumnType<string | null, string | null | undefined, string | null>;
}

/** How a session gave its second factor. */
export const SECOND_FACTOR_METHODS = [
  "totp",
  "recovery_code",
  "remembered_browser",
  "passkey",
  /** The identity provider's own MFA, trusted by the admin and shown in the ID token. */
  "provider",
] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

export interface TotpCredentialsTable {
  user_id: number;
  /** AES-256-GCM under a key derived from the site secret (second-factors/secret-box.ts). */
  secret_encrypted: string;
  /** The last step whose code was accepted: that step and earlier ones are refused. */
  last_used_step: ColumnType<string | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
}

export interface RecoveryCodesTable {
  user_id: number;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: CreatedAt;
}

export interface RememberedBrowsersTable {
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface PasskeysTable {
  /** The credential id, base64url. */
  id: string;
  user_id: number;
  name: string;
  public_key: Uint8Array;
  counter: ColumnType<string, number | undefined, number>;
  transports: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface WebauthnChallengesTable {
  id: string;
  /** Null for a passwordless sign-in, where nobody is known until the passkey answers. */
  user_id: number | null;
  purpose: "register" | "sign-in" | "confirm";
  challenge: string;
  expires_at: Timestamp;
}

export interface SingleSignOnAttemptsTable {
  state: string;
  provider: string;
  nonce: string;
  code_verifier: string;
  redirect_to: string;
  expires_at: Timestamp;
}

export interface OidcIdentitiesTable {
  provider: string;
  subject: string;
  user_id: number;
  created_at: CreatedAt;
  last_sign_in_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SignInSettingsTable {
  id: ColumnType<number, never, never>;
  second_factor_roles: ColumnType<Role[], never, Role[]>;
  remember_browser_days: ColumnType<number, never, number>;
  passkey_first_factor: ColumnType<boolean, never, boolean>;
  trust_provider_mfa: ColumnType<boolean, never, boolean>;
  single_sign_on_for_everyone: ColumnType<boolean, never, boolean>;
  updated_at: ColumnType<Date, never, Date>;
  updated_by: ColumnType<number | null, never, number | null>;
}

export const ACCOUNT_TOKEN_PURPOSES = ["verify_email", "reset_password", "change_email"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

export interface AccountTokensTable {
  /** SHA-256 of the token: the token itself only ever travels in the email. */
  token_hash: string;
  user_id: number;
  purpose: AccountTokenPurpose;
  new_email: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface EmailPreferencesTable {
  user_id: number;
  kind: string;
  enabled: boolean;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface DataExportsTable {
  id: Generated<number>;
  user_id: number;
  /** The zip, once built. */
  archive: Uint8Array | null;
  ready_at: Timestamp | null;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface AreasTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
}

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface IssuesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary_md: string;
  summary_html: string;
  area_id: number;
  category_id: number;
  status: IssueStatus;
  opens_at: Timestamp;
  closes_at: Timestamp;
  team: string | null;
  created_by: number;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  closing_soon_sent_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  closed_sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  opened_sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When contributions stopped before closes_at (closed early, or answered while open). */
  closed_early_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ThreadsTable {
  id: Generated<number>;
  issue_id: number;
  kind: ThreadKind;
  title: string;
  author_id: number;
  status: ColumnType<PostStatus, PostStatus | undefined, PostStatus>;
  support_count: ColumnType<number, number | undefined, number>;
  /** Published posts after the opening one. */
  reply_count: ColumnType<number, number | undefined, number>;
  last_post_at: Timestamp;
  answered_post_id: number | null;
  created_at: CreatedAt;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  author_id: number;
  body_md: string;
  body_html: string;
  status: ColumnType<PostStatus, PostStatus | undefined, PostStatus>;
  is_staff: ColumnType<boolean, boolean | undefined, boolean>;
  reply_to_id: number | null;
  edited_at: Timestamp | null;
  created_at: CreatedAt;
  version: ColumnType<number, number | undefined, number>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  version: number;
  body_md: string;
  body_html: string;
  /** When this version was written (the post's creation or its previous edit). */
  written_at: Timestamp;
  replaced_at: CreatedAt;
}

export interface SupportsTable {
  thread_id: number;
  user_id: number;
  created_at: CreatedAt;
}

export const NOTIFICATION_KINDS = [
  "reply",
  "official_answer",
  "new_thread",
  "closing_soon",
  "issue_status",
  "moderation",
  "flag_resolved",
  "escalation",
  "outcome",
  "cited",
  "considered",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  payload: ColumnType<unknown, string, string>;
  attempts: ColumnType<number, number | undefined, number>;
  run_after: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  done_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IssueFollowsTable {
  user_id: number;
  issue_id: number;
  created_at: CreatedAt;
}

export interface ThreadFollowsTable {
  user_id: number;
  thread_id: number;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  event_key: string;
  payload: ColumnType<unknown, string, string>;
  read_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface NotificationMutesTable {
  user_id: number;
  kind: NotificationKind;
}

export const ANNOUNCEMENT_SEVERITIES = ["information", "warning", "urgent"] as const;
export type AnnouncementSeverity = (typeof ANNOUNCEMENT_SEVERITIES)[number];

export interface AnnouncementsTable {
  id: Generated<number>;
  scope: "site" | "area" | "issue";
  area_id: number | null;
  issue_id: number | null;
  severity: AnnouncementSeverity;
  title: string;
  body_md: string;
  body_html: string;
  created_by: number;
  created_at: CreatedAt;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface ModerationSettingsTable {
  id: ColumnType<number, never, never>;
  new_account_posts_held: number;
  max_links_by_trust: number[];
  blocked_terms: string[];
  flood_posts: number;
  flood_minutes: number;
  duplicate_minutes: number;
  shouting_min_letters: number;
  shouting_ratio: number;
  flag_hide_threshold: number;
  /** Whether an account may post before confirming its email address (off by default). */
  unverified_may_post: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface HouseRulesTable {
  id: Generated<number>;
  position: number;
  title: string;
  body_md: string;
  body_html: string;
  retired_at: NullableTimestamp;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export const SANCTION_KINDS = ["warn", "suspend", "ban"] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export interface SanctionsTable {
  id: Generated<number>;
  user_id: number;
  kind: SanctionKind;
  until: Timestamp | null;
  reason: string;
  house_rule_id: number | null;
  created_by: number;
  created_at: CreatedAt;
  lifted_at: NullableTimestamp;
  lifted_by: Nullable<number>;
}

export const FLAG_REASONS = [
  "abusive",
  "spam",
  "off_topic",
  "personal_information",
  "illegal",
  "other",
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export interface FlagsTable {
  id: Generated<number>;
  post_id: number;
  user_id: number;
  reason: FlagReason;
  note: string | null;
  weight: number;
  created_at: CreatedAt;
  resolved_at: NullableTimestamp;
  resolution: Nullable<"upheld" | "dismissed">;
}

export const MODERATION_SOURCES = ["rule", "flag", "appeal"] as const;
export type ModerationSource = (typeof MODERATION_SOURCES)[number];
export const MODERATION_ITEM_STATUSES = [
  "open",
  "approved",
  "edited",
  "rejected",
  "hidden",
  "ignored",
  "withdrawn",
] as const;
export type ModerationItemStatus = (typeof MODERATION_ITEM_STATUSES)[number];

export interface ModerationItemsTable {
  id: Generated<number>;
  post_id: number;
  source: ModerationSource;
  /** Rule reason codes, or flag reasons, that put the item in the queue. */
  reasons: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<ModerationItemStatus, ModerationItemStatus | undefined, ModerationItemStatus>;
  flag_score: ColumnType<number, number | undefined, number>;
  auto_hidden: ColumnType<boolean, boolean | undefined, boolean>;
  /** Optimistic lock: every change bumps it; an action names the version it saw. */
  version: ColumnType<number, number | undefined, number>;
  claimed_by: Nullable<number>;
  claimed_at: NullableTimestamp;
  escalated_to: Nullable<number>;
  escalated_at: NullableTimestamp;
  escalation_note: Nullable<string>;
  appeal_of_id: Nullable<number>;
  appeal_note: Nullable<string>;
  excluded_moderator_id: Nullable<number>;
  decided_by: Nullable<number>;
  decided_at: NullableTimestamp;
  decision_note: Nullable<string>;
  house_rule_id: Nullable<number>;
  created_at: CreatedAt;
}

export interface ModerationActionsTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: number | null;
  reason: string | null;
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
  created_at: CreatedAt;
}

export const OUTCOME_STATUSES = [
  "under_consideration",
  "decision_made",
  "in_progress",
  "implemented",
  "not_taken_forward",
] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export interface NextStep {
  text: string;
  /** YYYY-MM-DD, or null when no date is set. */
  due: string | null;
}

export interface OutcomesTable {
  id: Generated<number>;
  issue_id: number;
  thread_id: number | null;
  title: string;
  status: OutcomeStatus;
  status_reason: string | null;
  progress: ColumnType<number, number | undefined, number>;
  you_said_md: string;
  you_said_html: string;
  we_did_md: string;
  we_did_html: string;
  next_steps: ColumnType<NextStep[], string | undefined, string>;
  team: string;
  participation: ColumnType<unknown, string | null | undefined, string | null>;
  published_at: NullableTimestamp;
  version: ColumnType<number, number | undefined, number>;
  created_by: number;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OutcomeCitationsTable {
  outcome_id: number;
  post_id: number;
}

export interface OutcomeRevisionsTable {
  id: Generated<number>;
  outcome_id: number;
  team: string;
  summary: string;
  created_at: CreatedAt;
}

/** An issue's participation figures, recounted by the worker (participation.server.ts). */
export interface IssueParticipationTable {
  issue_id: number;
  people: number;
  threads: number;
  posts: number;
  supports: number;
  counted_at: Timestamp;
}

/** An officer's theme for an issue's contributions (analysis workspace). */
export interface AnalysisThemesTable {
  id: Generated<number>;
  issue_id: number;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  /** Set when merged: the theme lives on as part of this one. */
  merged_into_id: number | null;
  created_by: number;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  version: ColumnType<number, number | undefined, number>;
}

export interface AnalysisCodesTable {
  theme_id: number;
  post_id: number;
  issue_id: number;
  coded_by: number;
  coded_at: Timestamp;
  from_suggestion: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AnalysisMarksTable {
  post_id: number;
  issue_id: number;
  evidence_rich: boolean;
  marked_by: number;
  marked_at: Timestamp;
}

export interface AnalysisPinsTable {
  theme_id: number;
  post_id: number;
  pinned_by: number;
  pinned_at: Timestamp;
}

export interface AnalysisEventsTable {
  id: Generated<number>;
  issue_id: number;
  actor_id: number;
  at: Timestamp;
  action: string;
  theme_id: number | null;
  post_ids: ColumnType<number[], number[] | undefined, number[]>;
  detail: ColumnType<string, string | undefined, string>;
}

export const ANALYSIS_RUN_STATUSES = ["queued", "running", "done", "failed"] as const;
export type AnalysisRunStatus = (typeof ANALYSIS_RUN_STATUSES)[number];

export interface AnalysisRunsTable {
  id: Generated<number>;
  issue_id: number;
  requested_by: number;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  status: ColumnType<AnalysisRunStatus, AnalysisRunStatus | undefined, AnalysisRunStatus>;
  steps_done: ColumnType<number, number | undefined, number>;
  steps_total: ColumnType<number, number | undefined, number>;
  contributions: ColumnType<number, number | undefined, number>;
  key_phrases: ColumnType<string[], string[] | undefined, string[]>;
  error: string | null;
}

export type SuggestionStatus = "pending" | "accepted" | "rejected";

export interface AnalysisSuggestedThemesTable {
  id: Generated<number>;
  run_id: number;
  label: string;
  phrases: string[];
  size: number;
  status: ColumnType<SuggestionStatus, SuggestionStatus | undefined, SuggestionStatus>;
  theme_id: number | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

export interface AnalysisSuggestedMembersTable {
  suggested_theme_id: number;
  post_id: number;
  confidence: number;
}

export interface AnalysisSuggestedCodesTable {
  id: Generated<number>;
  issue_id: number;
  post_id: number;
  theme_id: number;
  confidence: number;
  status: ColumnType<SuggestionStatus, SuggestionStatus | undefined, SuggestionStatus>;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

/** A theme an outcome answers, with what it stood for when the outcome was published. */
export interface OutcomeThemesTable {
  outcome_id: number;
  theme_id: number;
  position: number;
  contributions: ColumnType<number, number | undefined, number>;
  people: ColumnType<number, number | undefined, number>;
}

export interface FigureSnapshotsTable {
  /** Which figures, as stable JSON: their kind, period, area and settings. */
  scope: string;
  figures: ColumnType<unknown, string, string>;
  computed_at: Timestamp;
  refresh_requested_at: NullableTimestamp;
}

export interface PageViewsDailyTable {
  day: ColumnType<string, string, string>;
  issue_id: number;
  /** Null: the issue's own page. */
  thread_id: number | null;
  views: number;
}

export interface OpenDataChangesTable {
  id: ColumnType<string, never, never>;
  changed_at: ColumnType<Date, never, never>;
  source: string;
}

export interface Database {
  figure_snapshots: FigureSnapshotsTable;
  page_views_daily: PageViewsDailyTable;
  open_data_changes: OpenDataChangesTable;
  analysis_themes: AnalysisThemesTable;
  analysis_codes: AnalysisCodesTable;
  analysis_marks: AnalysisMarksTable;
  analysis_pins: AnalysisPinsTable;
  analysis_events: AnalysisEventsTable;
  analysis_runs: AnalysisRunsTable;
  analysis_suggested_themes: AnalysisSuggestedThemesTable;
  analysis_suggested_members: AnalysisSuggestedMembersTable;
  analysis_suggested_codes: AnalysisSuggestedCodesTable;
  outcome_themes: OutcomeThemesTable;
  issue_participation: IssueParticipationTable;
  users: UsersTable;
  sessions: SessionsTable;
  totp_credentials: TotpCredentialsTable;
  recovery_codes: RecoveryCodesTable;
  remembered_browsers: RememberedBrowsersTable;
  sign_in_settings: SignInSettingsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  single_sign_on_attempts: SingleSignOnAttemptsTable;
  oidc_identities: OidcIdentitiesTable;
  account_tokens: AccountTokensTable;
  email_preferences: EmailPreferencesTable;
  data_exports: DataExportsTable;
  areas: AreasTable;
  categories: CategoriesTable;
  issues: IssuesTable;
  threads: ThreadsTable;
  posts: PostsTable;
  supports: SupportsTable;
  outbox: OutboxTable;
  issue_follows: IssueFollowsTable;
  thread_follows: ThreadFollowsTable;
  notifications: NotificationsTable;
  notification_mutes: NotificationMutesTable;
  post_revisions: PostRevisionsTable;
  announcements: AnnouncementsTable;
  moderation_settings: ModerationSettingsTable;
  house_rules: HouseRulesTable;
  sanctions: SanctionsTable;
  flags: FlagsTable;
  moderation_items: ModerationItemsTable;
  moderation_actions: ModerationActionsTable;
  outcomes: OutcomesTable;
  outcome_citations: OutcomeCitationsTable;
  outcome_revisions: OutcomeRevisionsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Area = Selectable<AreasTable>;
export type Category = Selectable<CategoriesTable>;
export type Issue = Selectable<IssuesTable>;
export type NewIssue = Insertable<IssuesTable>;
export type Thread = Selectable<ThreadsTable>;
export type Post = Selectable<PostsTable>;
