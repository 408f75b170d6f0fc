/**
 * Exports of an issue's coding, for officers:
 *
 * - CSV, one row per contribution–theme pair (an uncoded contribution has one row with no
 *   theme), streamed in batches through csv-stringify so that 50,000 contributions never
 *   sit in memory at once;
 * - JSON in the layout of the UK government's Consult tool (i.AI's ThemeFinder inputs and
 *   outputs: respondents, a question with its responses, themes, the mapping of responses
 *   to themes and the detail detection), so that a department can cross-check with it.
 *
 * Both hold public contributions only, whatever the officer has on screen, and people
 * only as the issue's respondent labels: no names, no email addresses, no account ids.
 */
import { streamCsv, type Row } from "../open-data/tabular-streams.server";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Subject } from "../policy";
import {
  describeContribution,
  filteredContributions,
  findAnalysedIssue,
  NO_FILTERS,
  readCoding,
  selectContribution,
  type AnalysedIssue,
  type ContributionFacts,
} from "./contributions.server";
import { listThemes, type ThemeListItem } from "./workspace.server";

const BATCH = 1_000;

export const CSV_COLUMNS = [
  "contribution_id",
  "respondent",
  "respondent_area",
  "thread_title",
  "thread_kind",
  "opening_post",
  "created_at",
  "supports",
  "evidence_rich",
  "theme",
  "theme_from_suggestion",
  "text",
] as const;

type Services = { db: Kysely<Database>; secret: string };

interface CodedContribution extends ContributionFacts {
  themes: { themeId: number; fromSuggestion: boolean }[];
  evidenceRich: boolean;
}

/** The issue's public contributions with their codes, a batch at a time, in id order. */
async function* codedContributions(
  services: Services,
  issue: AnalysedIssue,
): AsyncGenerator<CodedContribution[]> {
  const { db } = services;
  let after = 0;
  for (;;) {
    const rows = await selectContribution(filteredContributions(db, issue.id, NO_FILTERS, null))
      .where("posts.id", ">", after)
      .orderBy("posts.id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    after = rows.at(-1)!.postId;
    const coding = await readCoding(
      db,
      rows.map((row) => row.postId),
    );
    yield rows.map((row) => {
      const { codes, evidenceRich } = coding.get(row.postId)!;
      return {
        ...describeContribution(row, services.secret, issue.id),
        themes: codes,
        evidenceRich,
      };
    });
    if (rows.length < BATCH) return;
  }
}

/** The CSV export as a stream of text, and the file name to offer. */
export async function exportCodingCsv(
  services: Services,
  viewer: Subject,
  issueSlug: string,
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const issue = await findAnalysedIssue(services.db, viewer, issueSlug);
  const themes = new Map((await listThemes(services.db, issue.id)).map((t) => [t.id, t.name]));
  const batches = codedContributions(services, issue);
  async function* rows(): AsyncGenerator<Row[]> {
    for await (const batch of batches)
      yield batch.flatMap((contribution) =>
        (contribution.themes.length ? contribution.themes : [null]).map((pair) => ({
          contribution_id: contribution.postId,
          respondent: contribution.respondent,
          respondent_area: contribution.areaName ?? "",
          thread_title: contribution.threadTitle,
          thread_kind: contribution.kind,
          opening_post: contribution.opening ? "yes" : "no",
          created_at: contribution.createdAt.toISOString(),
          supports: contribution.supports,
          evidence_rich: contribution.evidenceRich ? "yes" : "no",
          theme: pair ? (themes.get(pair.themeId) ?? "") : "",
          theme_from_suggestion: pair ? (pair.fromSuggestion ? "yes" : "no") : "",
          text: contribution.bodyMd,
        })),
      );
  }
  const body = streamCsv(CSV_COLUMNS, rows());
  return { fileName: `${issue.slug}-coding.csv`, body };
}

export interface ConsultExport {
  format: string;
  consultation: { title: string; source: string };
  inputs: {
    respondents: { themefinder_id: number; demographic_data: { area: string[] } }[];
    question_part_1: {
      question: { question_number: number; question_text: string };
      responses: { themefinder_id: number; text: string }[];
    };
  };
  outputs: {
    question_part_1: {
      themes: { theme_key: string; theme_name: string; theme_description: string }[];
      mapping: { themefinder_id: number; theme_keys: string[] }[];
      detail_detection: { themefinder_id: number; evidence_rich: "YES" | "NO" }[];
    };
  };
}

/** A theme's key in the Consult export: A, B, …, Z, AA, AB, … */
function themeKey(index: number): string {
  let key = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    key = String.fromCharCode(65 + ((n - 1) % 26)) + key;
  return key;
}

/**
 * The Consult layout has one response per respondent to a question, so each person's
 * contributions are joined into their response, and their themes are the union.
 */
export async function exportConsultJson(
  services: Services,
  viewer: Subject,
  issueSlug: string,
): Promise<{ fileName: string; document: ConsultExport }> {
  const issue = await findAnalysedIssue(services.db, viewer, issueSlug);
  const themes: ThemeListItem[] = await listThemes(services.db, issue.id);
  const keys = new Map(themes.map((theme, index) => [theme.id, themeKey(index)]));
  const people = new Map<
    string,
    { id: number; areas: Set<string>; texts: string[]; themes: Set<string>; rich: boolean }
  >();
  for await (const batch of codedContributions(services, issue)) {
    for (const contribution of batch) {
      let person = people.get(contribution.respondent);
      if (!person) {
        person = {
          id: people.size + 1,
          areas: new Set(),
          texts: [],
          themes: new Set(),
          rich: false,
        };
        people.set(contribution.respondent, person);
      }
      if (contribution.areaName) person.areas.add(contribution.areaName);
      person.texts.push(contribution.bodyMd);
      for (const code of contribution.themes) person.themes.add(keys.get(code.themeId)!);
      person.rich ||= contribution.evidenceRich;
    }
  }
  const everyone = [...people.values()];
  return {
    fileName: `${issue.slug}-consult.json`,
    document: {
      format:
        "Consult (i.AI ThemeFinder) inputs and outputs in one document: respondents.jsonl, question_part_1/question.json and responses.jsonl, themes.json, mapping.jsonl, detail_detection.jsonl",
      consultation: { title: issue.title, source: "Parley" },
      inputs: {
        respondents: everyone.map((p) => ({
          themefinder_id: p.id,
          demographic_data: { area: [...p.areas].sort() },
        })),
        question_part_1: {
          question: { question_number: 1, question_text: issue.title },
          responses: everyone.map((p) => ({ themefinder_id: p.id, text: p.texts.join("\n\n") })),
        },
      },
      outputs: {
        question_part_1: {
          themes: themes.map((theme) => ({
            theme_key: keys.get(theme.id)!,
            theme_name: theme.name,
            theme_description: theme.description,
          })),
          mapping: everyone.map((p) => ({
            themefinder_id: p.id,
            theme_keys: [...p.themes].sort(),
          })),
          detail_detection: everyone.map((p) => ({
            themefinder_id: p.id,
            evidence_rich: p.rich ? "YES" : "NO",
          })),
        },
      },
    },
  };
}
