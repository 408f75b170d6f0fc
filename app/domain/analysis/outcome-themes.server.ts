/**
 * From themes to the outcome: an officer starts "you said" from the issue's themes (each
 * theme's name, its description in the officer's words, and its quotes as citations),
 * the outcome records which themes it answers, publishing snapshots how many public
 * contributions and people each stands for, and everyone whose public contribution was
 * coded to one of them is told their point was considered.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { InvalidInputError } from "../errors";
import { contributionAnalysed, mayAnalyse, type Subject } from "../policy";
import { summariseIssueThemes } from "./theme-summary.server";
import { listThemes, type ThemeListItem } from "./workspace.server";

/** At most this many themes per outcome. */
export const MAX_OUTCOME_THEMES = 30;

export interface ThemeStart {
  themeIds: number[];
  youSaid: string;
  citations: number[];
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/**
 * What the outcome editor offers from the analysis: the issue's themes to say the outcome
 * answers, and, when the officer chose some, a first draft of "you said" from them.
 */
export async function prepareOutcomeThemes(
  services: { db: Kysely<Database>; secret: string },
  viewer: Subject,
  issueId: number,
  requested: number[],
): Promise<{ themes: ThemeListItem[]; start: ThemeStart | null }> {
  if (!mayAnalyse(viewer)) return { themes: [], start: null };
  const themes = await listThemes(services.db, issueId);
  const start = requested.length
    ? await startFromThemes(services, { id: issueId }, requested)
    : null;
  return { themes, start };
}

/** A first draft of "you said" from the chosen themes, with their quotes to cite. */
export async function startFromThemes(
  services: { db: Kysely<Database>; secret: string },
  issue: { id: number },
  themeIds: number[],
): Promise<ThemeStart> {
  const chosen = new Set(themeIds);
  const themes = (await summariseIssueThemes(services, issue, { includeWithheld: false })).filter(
    (theme) => chosen.has(theme.id),
  );
  const sections = themes.map((theme) => {
    const heading = `**${theme.name}** (${plural(theme.contributions, "contribution", "contributions")} from ${plural(theme.people, "person", "people")})`;
    return theme.description ? `${heading}: ${theme.description}` : `${heading}:`;
  });
  return {
    themeIds: themes.map((theme) => theme.id),
    youSaid: sections.join("\n\n"),
    // Quotes become citations; only public ones (the summary above counted public only).
    citations: themes.flatMap((theme) => theme.quotes.map((quote) => quote.postId)).slice(0, 50),
  };
}

/** The themes an outcome answers must be live themes of its issue. */
export async function replaceOutcomeThemes(
  trx: Transaction<Database>,
  outcomeId: number,
  issueId: number,
  themeIds: number[],
): Promise<void> {
  const ids = [...new Set(themeIds)].slice(0, MAX_OUTCOME_THEMES);
  if (ids.length) {
    const found = await trx
      .selectFrom("analysis_themes")
      .select("id")
      .where("issue_id", "=", issueId)
      .where("merged_into_id", "is", null)
      .where("id", "in", ids)
      .execute();
    if (found.length !== ids.length)
      throw new InvalidInputError("Some themes are not themes of this issue (or were merged).", {
        themes: "Choose themes of this issue",
      });
  }
  await trx.deleteFrom("outcome_themes").where("outcome_id", "=", outcomeId).execute();
  if (ids.length) {
    await trx
      .insertInto("outcome_themes")
      .values(
        ids.map((themeId, position) => ({ outcome_id: outcomeId, theme_id: themeId, position })),
      )
      .execute();
  }
}

/** Records what each theme stands for (public contributions and people) at publication. */
export async function snapshotOutcomeThemes(
  trx: Transaction<Database>,
  outcomeId: number,
): Promise<void> {
  const counts = await trx
    .selectFrom("outcome_themes")
    .innerJoin("analysis_codes", "analysis_codes.theme_id", "outcome_themes.theme_id")
    .innerJoin("posts", "posts.id", "analysis_codes.post_id")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select((eb) => [
      "outcome_themes.theme_id",
      eb.fn.countAll<number>().as("contributions"),
      sql<number>`count(distinct posts.author_id)`.as("people"),
    ])
    .where("outcome_themes.outcome_id", "=", outcomeId)
    .where(contributionAnalysed(false).where)
    .groupBy("outcome_themes.theme_id")
    .execute();
  for (const count of counts) {
    await trx
      .updateTable("outcome_themes")
      .set({ contributions: Number(count.contributions), people: Number(count.people) })
      .where("outcome_id", "=", outcomeId)
      .where("theme_id", "=", count.theme_id)
      .execute();
  }
}

/** Each author of a public contribution coded to the outcome's themes, with those themes. */
export async function consideredAuthors(
  trx: Transaction<Database>,
  outcomeId: number,
): Promise<Map<number, string[]>> {
  const rows = await trx
    .selectFrom("outcome_themes")
    .innerJoin("analysis_themes", "analysis_themes.id", "outcome_themes.theme_id")
    .innerJoin("analysis_codes", "analysis_codes.theme_id", "outcome_themes.theme_id")
    .innerJoin("posts", "posts.id", "analysis_codes.post_id")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select(["posts.author_id", "analysis_themes.name", "outcome_themes.position"])
    .distinct()
    .where("outcome_themes.outcome_id", "=", outcomeId)
    .where(contributionAnalysed(false).where)
    .orderBy("outcome_themes.position")
    .execute();
  const themesOf = new Map<number, string[]>();
  for (const row of rows) {
    const names = themesOf.get(row.author_id) ?? [];
    if (!names.includes(row.name)) names.push(row.name);
    themesOf.set(row.author_id, names);
  }
  return themesOf;
}

export interface OutcomeThemeView {
  themeId: number;
  name: string;
  contributions: number;
  people: number;
}

/** The themes an outcome answers, in its order, with what each stood for. */
export async function listOutcomeThemes(
  db: Kysely<Database>,
  outcomeId: number,
): Promise<OutcomeThemeView[]> {
  const rows = await db
    .selectFrom("outcome_themes")
    .innerJoin("analysis_themes", "analysis_themes.id", "outcome_themes.theme_id")
    .select([
      "outcome_themes.theme_id",
      "analysis_themes.name",
      "outcome_themes.contributions",
      "outcome_themes.people",
    ])
    .where("outcome_themes.outcome_id", "=", outcomeId)
    .orderBy("outcome_themes.position")
    .execute();
  return rows.map((row) => ({
    themeId: row.theme_id,
    name: row.name,
    contributions: row.contributions,
    people: row.people,
  }));
}

/** "X", "X and Y", "X, Y and Z". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
