/**
 * What each theme stands for: contributions, distinct people and supports; how they
 * spread over the authors' areas and over time; and up to five quotes (pinned ones,
 * then evidence-rich ones, then the most supported). Counts cover public contributions
 * unless the officer asked to include withheld ones, which are then marked.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Subject } from "../policy";
import { MAX_PINNED_QUOTES } from "./coding.server";
import {
  describeContribution,
  filteredContributions,
  findAnalysedIssue,
  inOrder,
  NO_FILTERS,
  selectContribution,
  type AnalysedIssue,
  type ContributionFacts,
} from "./contributions.server";
import { listThemes, type ThemeListItem } from "./workspace.server";

export interface ThemeQuote extends ContributionFacts {
  pinned: boolean;
  evidenceRich: boolean;
}

export interface ThemeSummary extends ThemeListItem {
  people: number;
  supports: number;
  byArea: { area: string; contributions: number }[];
  byMonth: { month: string; contributions: number }[];
  quotes: ThemeQuote[];
  /** Other coded contributions, for swapping a quote in. */
  others: ThemeQuote[];
}

const NO_AREA = "No home area given";

function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export async function summariseThemes(
  services: { db: Kysely<Database>; secret: string },
  viewer: Subject,
  issueSlug: string,
  options: { includeWithheld: boolean },
): Promise<{ issue: AnalysedIssue; themes: ThemeSummary[]; activity: CodingActivity[] }> {
  const { db } = services;
  const issue = await findAnalysedIssue(db, viewer, issueSlug);
  const [themes, activity] = await Promise.all([
    summariseIssueThemes(services, issue, options),
    listCodingActivity(db, issue.id),
  ]);
  return { issue, themes, activity };
}

export async function summariseIssueThemes(
  services: { db: Kysely<Database>; secret: string },
  issue: { id: number },
  options: { includeWithheld: boolean },
): Promise<ThemeSummary[]> {
  const { db } = services;
  const [themes, contributions, codes, pins, marks] = await Promise.all([
    listThemes(db, issue.id),
    inOrder(
      selectContribution(
        filteredContributions(
          db,
          issue.id,
          { ...NO_FILTERS, includeWithheld: options.includeWithheld },
          null,
        ),
      ).where((eb) =>
        eb.exists(
          eb
            .selectFrom("analysis_codes")
            .select("analysis_codes.post_id")
            .whereRef("analysis_codes.post_id", "=", "posts.id"),
        ),
      ),
    ).execute(),
    db
      .selectFrom("analysis_codes")
      .select(["theme_id", "post_id"])
      .where("issue_id", "=", issue.id)
      .execute(),
    db
      .selectFrom("analysis_pins")
      .innerJoin("analysis_themes", "analysis_themes.id", "analysis_pins.theme_id")
      .select(["analysis_pins.theme_id", "analysis_pins.post_id"])
      .where("analysis_themes.issue_id", "=", issue.id)
      .execute(),
    db
      .selectFrom("analysis_marks")
      .select("post_id")
      .where("issue_id", "=", issue.id)
      .where("evidence_rich", "=", true)
      .execute(),
  ]);
  const pinned = new Set(pins.map((pin) => `${pin.theme_id}:${pin.post_id}`));
  const evidenceRich = new Set(marks.map((mark) => mark.post_id));
  const codedTo = new Map<number, number[]>();
  for (const code of codes)
    codedTo.set(code.theme_id, [...(codedTo.get(code.theme_id) ?? []), code.post_id]);
  return themes.map((theme) => {
    const members = new Set(codedTo.get(theme.id) ?? []);
    const coded = contributions
      .filter((row) => members.has(row.postId))
      .map((row): ThemeQuote => ({
        ...describeContribution(row, services.secret, issue.id),
        pinned: pinned.has(`${theme.id}:${row.postId}`),
        evidenceRich: evidenceRich.has(row.postId),
      }));
    const byArea = new Map<string, number>();
    const byMonth = new Map<string, number>();
    for (const contribution of coded) {
      const area = contribution.areaName ?? NO_AREA;
      byArea.set(area, (byArea.get(area) ?? 0) + 1);
      const month = monthOf(contribution.createdAt);
      byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    }
    const ranked = [...coded].sort(
      (a, b) =>
        Number(b.pinned) - Number(a.pinned) ||
        Number(b.evidenceRich) - Number(a.evidenceRich) ||
        b.supports - a.supports ||
        b.bodyMd.length - a.bodyMd.length ||
        a.postId - b.postId,
    );
    return {
      ...theme,
      contributions: coded.length,
      people: new Set(coded.map((c) => c.authorId)).size,
      supports: coded.reduce((sum, c) => sum + c.supports, 0),
      byArea: [...byArea.entries()]
        .map(([area, contributions]) => ({ area, contributions }))
        .sort((a, b) => b.contributions - a.contributions || a.area.localeCompare(b.area)),
      byMonth: [...byMonth.entries()]
        .map(([month, contributions]) => ({ month, contributions }))
        .sort((a, b) => a.month.localeCompare(b.month)),
      quotes: ranked.slice(0, MAX_PINNED_QUOTES),
      others: ranked.slice(MAX_PINNED_QUOTES, MAX_PINNED_QUOTES + 20),
    };
  });
}

export interface CodingActivity {
  id: number;
  at: Date;
  actor: string;
  action: string;
  themeName: string | null;
  contributions: number;
  detail: string;
}

/** The issue's latest coding actions, newest first: who did what, when. */
export async function listCodingActivity(
  db: Kysely<Database>,
  issueId: number,
  limit = 30,
): Promise<CodingActivity[]> {
  const rows = await db
    .selectFrom("analysis_events")
    .innerJoin("users", "users.id", "analysis_events.actor_id")
    .leftJoin("analysis_themes", "analysis_themes.id", "analysis_events.theme_id")
    .select([
      "analysis_events.id",
      "analysis_events.at",
      "users.display_name",
      "analysis_events.action",
      "analysis_themes.name",
      "analysis_events.post_ids",
      "analysis_events.detail",
    ])
    .where("analysis_events.issue_id", "=", issueId)
    .orderBy("analysis_events.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.display_name,
    action: row.action,
    themeName: row.name,
    contributions: row.post_ids.length,
    detail: row.detail,
  }));
}
