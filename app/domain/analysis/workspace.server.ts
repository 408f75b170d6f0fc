/**
 * The analysis workspace's reads: the filtered list of contributions with their codes,
 * marks and pending suggestions, the issue's themes with counts and keys, progress
 * ("312 of 480 contributions coded"), the latest suggestion run and its candidates.
 */
import { sql, type Kysely } from "kysely";
import type { AnalysisRunStatus, Database } from "../../../db/schema";
import type { Logger } from "../../log.server";
import type { SearchService } from "../../search.server";
import type { Viewer } from "../../auth.server";
import { runTransaction } from "../../../db/transaction";
import { contributionAnalysed, type Subject } from "../policy";
import { applyCodeChange } from "./coding.server";
import {
  describeContribution,
  filteredContributions,
  findAnalysedIssue,
  inOrder,
  matchText,
  NO_FILTERS,
  readCoding,
  type CodingOf,
  selectContribution,
  type AnalysedIssue,
  type ContributionFacts,
  type ContributionFilters,
} from "./contributions.server";

export const CONTRIBUTIONS_PER_PAGE = 50;
/** Keyboard keys for themes, in theme order: digits, then letters no other shortcut uses. */
export const THEME_KEYS = "123456789bdfghilmnopqstuvwyz".split("");

export interface ThemeListItem {
  id: number;
  name: string;
  description: string;
  version: number;
  key: string | null;
  contributions: number;
}

export interface WorkspaceContribution extends ContributionFacts, CodingOf {
  suggestion: { id: number; themeId: number; confidence: number } | null;
}

export interface SuggestionRunView {
  id: number;
  status: AnalysisRunStatus;
  stepsDone: number;
  stepsTotal: number;
  contributions: number;
  keyPhrases: string[];
  requestedAt: Date;
  finishedAt: Date | null;
}

export interface Workspace {
  issue: AnalysedIssue;
  themes: ThemeListItem[];
  progress: { coded: number; total: number };
  contributions: WorkspaceContribution[];
  matching: number;
  page: number;
  totalPages: number;
  areas: { id: number; name: string }[];
  latestRun: SuggestionRunView | null;
  pendingSuggestions: number;
  /** Free text was matched by PostgreSQL because Meilisearch did not answer. */
  textLimited: boolean;
}

type Services = { db: Kysely<Database>; search: SearchService | null; log: Logger; secret: string };

/** The issue's live themes, oldest first, with their keys and public contributions. */
export async function listThemes(db: Kysely<Database>, issueId: number): Promise<ThemeListItem[]> {
  const rows = await db
    .selectFrom("analysis_themes")
    .select((eb) => [
      "analysis_themes.id",
      "analysis_themes.name",
      "analysis_themes.description",
      "analysis_themes.version",
      eb
        .selectFrom("analysis_codes")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("analysis_codes.theme_id", "=", "analysis_themes.id")
        .as("contributions"),
    ])
    .where("analysis_themes.issue_id", "=", issueId)
    .where("analysis_themes.merged_into_id", "is", null)
    .orderBy("analysis_themes.id")
    .execute();
  return rows.map((row, index) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    version: row.version,
    key: THEME_KEYS[index] ?? null,
    contributions: Number(row.contributions ?? 0),
  }));
}

export async function latestRun(
  db: Kysely<Database>,
  issueId: number,
): Promise<SuggestionRunView | null> {
  const run = await db
    .selectFrom("analysis_runs")
    .select([
      "id",
      "status",
      "steps_done",
      "steps_total",
      "contributions",
      "key_phrases",
      "requested_at",
      "finished_at",
    ])
    .where("issue_id", "=", issueId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!run) return null;
  return {
    id: run.id,
    status: run.status,
    stepsDone: run.steps_done,
    stepsTotal: run.steps_total,
    contributions: run.contributions,
    keyPhrases: run.key_phrases,
    requestedAt: run.requested_at,
    finishedAt: run.finished_at,
  };
}

export async function readWorkspace(
  services: Services,
  viewer: Subject,
  issueSlug: string,
  filters: ContributionFilters,
  page: number,
): Promise<Workspace> {
  const { db } = services;
  const issue = await findAnalysedIssue(db, viewer, issueSlug);
  const text = filters.q.trim()
    ? await matchText(services, issue.id, filters.q.trim(), filters.includeWithheld)
    : null;
  const filtered = filteredContributions(db, issue.id, filters, text?.ids ?? null);
  const everything = filteredContributions(
    db,
    issue.id,
    { ...NO_FILTERS, includeWithheld: filters.includeWithheld },
    null,
  );
  const [themes, counted, progress, areas, run, pending] = await Promise.all([
    listThemes(db, issue.id),
    filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    everything
      .select((eb) => [
        eb.fn.countAll<number>().as("total"),
        eb.fn
          .countAll<number>()
          .filterWhere((inner) =>
            inner.exists(
              inner
                .selectFrom("analysis_codes")
                .innerJoin("analysis_themes", "analysis_themes.id", "analysis_codes.theme_id")
                .select("analysis_codes.post_id")
                .whereRef("analysis_codes.post_id", "=", "posts.id")
                .where("analysis_themes.merged_into_id", "is", null),
            ),
          )
          .as("coded"),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom("areas").select(["id", "name"]).orderBy("name").execute(),
    latestRun(db, issue.id),
    db
      .selectFrom("analysis_suggested_codes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("issue_id", "=", issue.id)
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow(),
  ]);
  const matching = Number(counted.n);
  const totalPages = Math.max(1, Math.ceil(matching / CONTRIBUTIONS_PER_PAGE));
  const current = Math.min(Math.max(1, page), totalPages);
  const rows = await inOrder(selectContribution(filtered))
    .limit(CONTRIBUTIONS_PER_PAGE)
    .offset((current - 1) * CONTRIBUTIONS_PER_PAGE)
    .execute();
  const postIds = rows.map((row) => row.postId);
  const [coding, suggestions] = await Promise.all([
    readCoding(db, postIds),
    postIds.length
      ? db
          .selectFrom("analysis_suggested_codes")
          .select(["id", "post_id", "theme_id", "confidence"])
          .where("post_id", "in", postIds)
          .where("status", "=", "pending")
          .orderBy("confidence", "desc")
          .orderBy("id")
          .execute()
      : [],
  ]);
  const contributions = rows.map((row): WorkspaceContribution => {
    const suggestion = suggestions.find((s) => s.post_id === row.postId);
    return {
      ...describeContribution(row, services.secret, issue.id),
      ...coding.get(row.postId)!,
      suggestion: suggestion
        ? { id: suggestion.id, themeId: suggestion.theme_id, confidence: suggestion.confidence }
        : null,
    };
  });
  return {
    issue,
    themes,
    progress: { coded: Number(progress.coded), total: Number(progress.total) },
    contributions,
    matching,
    page: current,
    totalPages,
    areas,
    latestRun: run,
    pendingSuggestions: Number(pending.n),
    textLimited: text?.limited ?? false,
  };
}

/** Post ids of every contribution under the filters: what "code every result" codes. */
export async function listFilteredIds(
  services: Services,
  issue: AnalysedIssue,
  filters: ContributionFilters,
): Promise<number[]> {
  const text = filters.q.trim()
    ? await matchText(services, issue.id, filters.q.trim(), filters.includeWithheld)
    : null;
  const rows = await filteredContributions(services.db, issue.id, filters, text?.ids ?? null)
    .select("posts.id")
    .execute();
  return rows.map((row) => row.id);
}

/** "Code every result": codes every contribution under the filters to one theme. */
export async function codeFilteredContributions(
  services: Services,
  viewer: Viewer,
  issueSlug: string,
  filters: ContributionFilters,
  themeId: number,
  now: Date,
): Promise<{ added: number; removed: number }> {
  const issue = await findAnalysedIssue(services.db, viewer, issueSlug);
  const postIds = await listFilteredIds(services, issue, filters);
  if (postIds.length === 0) return { added: 0, removed: 0 };
  return runTransaction(services.db, (trx) =>
    applyCodeChange(trx, issue, viewer, { postIds, add: [themeId], remove: [] }, now),
  );
}

export interface CandidateTheme {
  id: number;
  label: string;
  phrases: string[];
  size: number;
  status: "pending" | "accepted" | "rejected";
  themeId: number | null;
  examples: { postId: number; excerpt: string; confidence: number }[];
}

/** The candidate themes of the latest finished run, each with three closest members. */
export async function listCandidateThemes(
  db: Kysely<Database>,
  issueId: number,
): Promise<CandidateTheme[]> {
  const run = await db
    .selectFrom("analysis_runs")
    .select("id")
    .where("issue_id", "=", issueId)
    .where("status", "=", "done")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!run) return [];
  const themes = await db
    .selectFrom("analysis_suggested_themes")
    .select(["id", "label", "phrases", "size", "status", "theme_id"])
    .where("run_id", "=", run.id)
    .orderBy("size", "desc")
    .orderBy("id")
    .execute();
  if (themes.length === 0) return [];
  const examples = await sql<{
    suggested_theme_id: number;
    post_id: number;
    body_md: string;
    confidence: number;
  }>`
    select s.id as suggested_theme_id, m.post_id, p.body_md, m.confidence
    from analysis_suggested_themes s
    cross join lateral (
      select post_id, confidence from analysis_suggested_members
      where suggested_theme_id = s.id order by confidence desc, post_id limit 3
    ) m
    join posts p on p.id = m.post_id
    where s.run_id = ${run.id}`.execute(db);
  // Members were public when the run read them; show only those that still are.
  const stillPublic = new Set(
    examples.rows.length
      ? (
          await db
            .selectFrom("posts")
            .innerJoin("threads", "threads.id", "posts.thread_id")
            .innerJoin("issues", "issues.id", "threads.issue_id")
            .select("posts.id")
            .where(
              "posts.id",
              "in",
              examples.rows.map((row) => row.post_id),
            )
            .where(contributionAnalysed(false).where)
            .execute()
        ).map((row) => row.id)
      : [],
  );
  return themes.map((theme) => ({
    id: theme.id,
    label: theme.label,
    phrases: theme.phrases,
    size: theme.size,
    status: theme.status,
    themeId: theme.theme_id,
    examples: examples.rows
      .filter((row) => row.suggested_theme_id === theme.id && stillPublic.has(row.post_id))
      .map((row) => ({
        postId: row.post_id,
        excerpt: row.body_md.length > 200 ? `${row.body_md.slice(0, 200)}…` : row.body_md,
        confidence: row.confidence,
      })),
  }));
}

/** The suggestions page: the latest run, its candidate themes, and how many codes wait. */
export async function readSuggestions(db: Kysely<Database>, viewer: Subject, issueSlug: string) {
  const issue = await findAnalysedIssue(db, viewer, issueSlug);
  const [run, candidates, pending] = await Promise.all([
    latestRun(db, issue.id),
    listCandidateThemes(db, issue.id),
    db
      .selectFrom("analysis_suggested_codes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("issue_id", "=", issue.id)
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow(),
  ]);
  return { issue, run, candidates, pendingCodes: Number(pending.n) };
}
