/**
 * Suggestion runs: an officer asks for suggestions, the request queues an outbox event,
 * and the worker computes them (theme-suggestions.ts) with progress recorded on the run,
 * so no request ever waits for them. Suggestions are never applied: candidate themes and
 * suggested codes wait for an officer to accept or reject each.
 *
 * Only public contributions are analysed, whatever the officer has on screen: held,
 * hidden and deleted words never shape a suggestion.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Viewer } from "../../auth.server";
import { enqueueEvent } from "../../jobs/outbox.server";
import { runTransaction } from "../../../db/transaction";
import { ConflictError, NotFoundError } from "../errors";
import { publicPost } from "../policy";
import { insertTheme, recordEvent } from "./coding.server";
import {
  filteredContributions,
  findAnalysedIssue,
  inOrder,
  NO_FILTERS,
} from "./contributions.server";
import { round2, suggestCodes, suggestThemes, vectorise } from "./theme-suggestions";

/** Public posts from the rest of the site that weigh the vocabulary (TF-IDF background). */
const BACKGROUND_POSTS = 1_000;

/** Queues a run, unless one is already queued or running for the issue. */
export async function requestSuggestions(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  now: Date,
): Promise<number> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  return runTransaction(db, async (trx) => {
    // The issue row is the run's lock: two officers pressing at once queue one run.
    await trx.selectFrom("issues").select("id").where("id", "=", issue.id).forUpdate().execute();
    const active = await trx
      .selectFrom("analysis_runs")
      .select("id")
      .where("issue_id", "=", issue.id)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    if (active) return active.id;
    const run = await trx
      .insertInto("analysis_runs")
      .values({ issue_id: issue.id, requested_by: actor.id, requested_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, issue, actor, now, "suggestions.requested", null);
    await enqueueEvent(trx, "analysis.suggest", { runId: run.id });
    return run.id;
  });
}

/**
 * The worker's side: computes the run and stores candidate themes, their members and a
 * suggested theme for each uncoded contribution. `progress` writes outside the event's
 * transaction so that officers see the run advance.
 */
export async function computeSuggestions(
  trx: Transaction<Database>,
  runId: number,
  progress: Kysely<Database> | null,
  now: () => Date,
): Promise<void> {
  const run = await trx
    .selectFrom("analysis_runs")
    .select(["id", "issue_id", "status"])
    .where("id", "=", runId)
    .executeTakeFirst();
  if (!run || run.status === "done") return;
  const report = async (values: {
    status?: "running";
    steps_done?: number;
    steps_total?: number;
  }) => {
    if (!progress) return;
    await progress
      .updateTable("analysis_runs")
      .set({ ...values, ...(values.status ? { started_at: now() } : {}) })
      .where("id", "=", runId)
      .execute();
  };
  await report({ status: "running", steps_done: 0, steps_total: 1 });

  const contributions = await inOrder(
    filteredContributions(trx, run.issue_id, NO_FILTERS, null).select([
      "posts.id as postId",
      "posts.body_md as text",
    ]),
  ).execute();
  const background = await trx
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select("posts.body_md as text")
    .where("threads.issue_id", "!=", run.issue_id)
    .where(publicPost.where)
    .orderBy("posts.id", "desc")
    .limit(BACKGROUND_POSTS)
    .execute();
  const corpus = await vectorise(
    contributions.map((c) => c.text),
    background.map((b) => b.text),
  );
  let lastReport = 0;
  const suggestions = await suggestThemes(corpus, (done, total) => {
    if (performance.now() - lastReport < 250 && done < total) return;
    lastReport = performance.now();
    void report({ steps_done: done, steps_total: total });
  });

  for (const theme of suggestions.themes) {
    const row = await trx
      .insertInto("analysis_suggested_themes")
      .values({
        run_id: runId,
        label: theme.label,
        phrases: theme.phrases,
        size: theme.members.length,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("analysis_suggested_members")
      .values(
        theme.members.map((member) => ({
          suggested_theme_id: row.id,
          post_id: contributions[member.index]!.postId,
          confidence: round2(member.confidence),
        })),
      )
      .execute();
  }

  // A theme for each uncoded contribution, from what officers coded so far.
  const codes = await trx
    .selectFrom("analysis_codes")
    .innerJoin("analysis_themes", "analysis_themes.id", "analysis_codes.theme_id")
    .select(["analysis_codes.theme_id", "analysis_codes.post_id"])
    .where("analysis_codes.issue_id", "=", run.issue_id)
    .where("analysis_themes.merged_into_id", "is", null)
    .execute();
  const indexOf = new Map(contributions.map((c, index) => [c.postId, index]));
  const examples = new Map<number, number[]>();
  const coded = new Set<number>();
  for (const code of codes) {
    const index = indexOf.get(code.post_id);
    if (index === undefined) continue;
    coded.add(index);
    examples.set(code.theme_id, [...(examples.get(code.theme_id) ?? []), index]);
  }
  const uncoded = contributions.map((_, index) => index).filter((index) => !coded.has(index));
  await storeSuggestedCodes(
    trx,
    run.issue_id,
    suggestCodes(corpus, examples, uncoded).map((s) => ({
      postId: contributions[s.index]!.postId,
      themeId: s.themeId,
      confidence: s.confidence,
    })),
  );

  await trx
    .updateTable("analysis_runs")
    .set({
      status: "done",
      finished_at: now(),
      contributions: contributions.length,
      key_phrases: suggestions.keyPhrases,
      steps_done: 1,
      steps_total: 1,
    })
    .where("id", "=", runId)
    .execute();
}

/** Replaces the issue's pending suggestions for these posts; decided ones stay decided. */
async function storeSuggestedCodes(
  trx: Transaction<Database>,
  issueId: number,
  suggestions: { postId: number; themeId: number; confidence: number }[],
): Promise<void> {
  if (suggestions.length === 0) return;
  await trx
    .deleteFrom("analysis_suggested_codes")
    .where("issue_id", "=", issueId)
    .where("status", "=", "pending")
    .where(
      "post_id",
      "in",
      suggestions.map((s) => s.postId),
    )
    .execute();
  await trx
    .insertInto("analysis_suggested_codes")
    .values(
      suggestions.map((s) => ({
        issue_id: issueId,
        post_id: s.postId,
        theme_id: s.themeId,
        confidence: s.confidence,
      })),
    )
    .onConflict((oc) => oc.columns(["post_id", "theme_id"]).doNothing())
    .execute();
}

/**
 * Accepts a candidate theme: it becomes an officer's theme (under the label, or a name
 * the officer gives), and each of its members gets a suggested code to accept or reject.
 */
export async function decideSuggestedTheme(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  input: { suggestedThemeId: number; accept: boolean; name?: string },
  now: Date,
): Promise<number | null> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  return runTransaction(db, async (trx) => {
    const suggested = await trx
      .selectFrom("analysis_suggested_themes")
      .innerJoin("analysis_runs", "analysis_runs.id", "analysis_suggested_themes.run_id")
      .select([
        "analysis_suggested_themes.id",
        "analysis_suggested_themes.label",
        "analysis_suggested_themes.status",
      ])
      .where("analysis_suggested_themes.id", "=", input.suggestedThemeId)
      .where("analysis_runs.issue_id", "=", issue.id)
      .forUpdate()
      .executeTakeFirst();
    if (!suggested) throw new NotFoundError("We couldn't find that suggested theme.");
    if (suggested.status !== "pending")
      throw new ConflictError("Someone already decided this suggestion. Reload the page.");
    if (!input.accept) {
      await trx
        .updateTable("analysis_suggested_themes")
        .set({ status: "rejected", decided_by: actor.id, decided_at: now })
        .where("id", "=", suggested.id)
        .execute();
      await recordEvent(
        trx,
        issue,
        actor,
        now,
        "suggested_theme.rejected",
        null,
        [],
        suggested.label,
      );
      return null;
    }
    const name = input.name?.trim() || suggested.label;
    const themeId = await insertTheme(trx, issue, actor, { name, description: "" }, now);
    await trx
      .updateTable("analysis_suggested_themes")
      .set({ status: "accepted", theme_id: themeId, decided_by: actor.id, decided_at: now })
      .where("id", "=", suggested.id)
      .execute();
    await recordEvent(
      trx,
      issue,
      actor,
      now,
      "suggested_theme.accepted",
      themeId,
      [],
      suggested.label,
    );
    // Its members become suggested codes of the new theme, unless already coded to it.
    await trx
      .insertInto("analysis_suggested_codes")
      .columns(["issue_id", "post_id", "theme_id", "confidence"])
      .expression((eb) =>
        eb
          .selectFrom("analysis_suggested_members")
          .select([
            eb.val(issue.id).as("issue_id"),
            "analysis_suggested_members.post_id",
            eb.val(themeId).as("theme_id"),
            "analysis_suggested_members.confidence",
          ])
          .where("analysis_suggested_members.suggested_theme_id", "=", suggested.id),
      )
      .onConflict((oc) => oc.columns(["post_id", "theme_id"]).doNothing())
      .execute();
    return themeId;
  });
}
