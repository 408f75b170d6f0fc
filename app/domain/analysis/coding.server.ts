/**
 * Coding an issue's contributions to themes, and the themes themselves: create, rename
 * and describe, merge, split; evidence-rich marks, pinned quotes, decisions on suggested
 * codes. Every action is written to analysis_events (who, when, what).
 *
 * Concurrency: coding is adding and removing (theme, post) pairs, never "replace this
 * post's codes", so two officers coding at once both keep their work; a form sends what
 * it showed and what the officer chose, and only the difference is applied. Theme edits
 * carry the version the officer saw. Lock order: themes by ascending id, then codes.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Viewer } from "../../auth.server";
import { runTransaction } from "../../../db/transaction";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { isUniqueViolation } from "../unique-violation";
import { contributionAnalysed } from "../policy";
import { findAnalysedIssue, type AnalysedIssue } from "./contributions.server";

/** Pinned quotes per theme: the summary shows up to five. */
export const MAX_PINNED_QUOTES = 5;

type Trx = Transaction<Database>;

export async function recordEvent(
  trx: Trx,
  issue: { id: number },
  actor: Viewer,
  at: Date,
  action: string,
  themeId: number | null,
  postIds: number[] = [],
  detail = "",
): Promise<void> {
  await trx
    .insertInto("analysis_events")
    .values({
      issue_id: issue.id,
      actor_id: actor.id,
      at,
      action,
      theme_id: themeId,
      post_ids: postIds,
      detail,
    })
    .execute();
}

/** Locks the issue's live themes among `ids`, in id order; throws if any is not one. */
async function lockThemes(trx: Trx, issueId: number, ids: number[]) {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  if (unique.length === 0) return [];
  const rows = await trx
    .selectFrom("analysis_themes")
    .select(["id", "name", "description", "version"])
    .where("issue_id", "=", issueId)
    .where("merged_into_id", "is", null)
    .where("id", "in", unique)
    .orderBy("id")
    .forUpdate()
    .execute();
  if (rows.length !== unique.length)
    throw new ConflictError("A theme you chose was merged or no longer exists. Reload the page.");
  return rows;
}

/** Rows per statement: PostgreSQL takes at most 65,535 parameters. */
const CHUNK = 5_000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The posts among `postIds` that are contributions of the issue (withheld ones too). */
async function contributionsAmong(trx: Trx, issueId: number, postIds: number[]): Promise<number[]> {
  const found: number[] = [];
  for (const chunk of chunks([...new Set(postIds)])) {
    const rows = await trx
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select("posts.id")
      .where("threads.issue_id", "=", issueId)
      .where("posts.id", "in", chunk)
      .where(contributionAnalysed(true).where)
      .execute();
    found.push(...rows.map((row) => row.id));
  }
  return found;
}

function cleanName(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** Creates a theme inside a caller's transaction (a name already in use is a 400). */
export async function insertTheme(
  trx: Trx,
  issue: AnalysedIssue,
  actor: Viewer,
  input: { name: string; description: string },
  now: Date,
): Promise<number> {
  const name = cleanName(input.name);
  try {
    const row = await trx
      .insertInto("analysis_themes")
      .values({
        issue_id: issue.id,
        name,
        description: input.description.trim(),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, issue, actor, now, "theme.created", row.id, [], name);
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new InvalidInputError(`There is already a theme called “${name}”.`, {
        name: "Choose a name no other theme of this issue has",
      });
    }
    throw error;
  }
}

export async function createTheme(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  input: { name: string; description: string },
  now: Date,
): Promise<number> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  return runTransaction(db, (trx) => insertTheme(trx, issue, actor, input, now));
}

/** Renames or re-describes a theme; refused if someone changed it since the form loaded. */
export async function updateTheme(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  input: { themeId: number; name: string; description: string; version: number },
  now: Date,
): Promise<void> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  await runTransaction(db, async (trx) => {
    const [theme] = await lockThemes(trx, issue.id, [input.themeId]);
    if (!theme) throw new NotFoundError("We couldn't find that theme.");
    if (theme.version !== input.version)
      throw new ConflictError(
        `Someone else changed “${theme.name}” since you opened it. Reload to see their version.`,
      );
    const name = cleanName(input.name);
    try {
      await trx
        .updateTable("analysis_themes")
        .set({
          name,
          description: input.description.trim(),
          version: theme.version + 1,
          updated_at: now,
        })
        .where("id", "=", theme.id)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new InvalidInputError(`There is already a theme called “${name}”.`, {
          name: "Choose a name no other theme of this issue has",
        });
      throw error;
    }
    const detail =
      theme.name === name ? "description changed" : `renamed from “${theme.name}” to “${name}”`;
    await recordEvent(trx, issue, actor, now, "theme.updated", theme.id, [], detail);
  });
}

/** Moves every code, pin and pending suggestion of `sourceIds` into `targetId`. */
export async function mergeThemes(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  input: { targetId: number; sourceIds: number[] },
  now: Date,
): Promise<void> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  const sources = [...new Set(input.sourceIds)].filter((id) => id !== input.targetId);
  if (sources.length === 0)
    throw new InvalidInputError("Choose at least one other theme to merge into this one.", {
      sourceIds: "Choose a theme to merge",
    });
  await runTransaction(db, async (trx) => {
    const themes = await lockThemes(trx, issue.id, [input.targetId, ...sources]);
    await sql`
      insert into analysis_codes (theme_id, post_id, issue_id, coded_by, coded_at, from_suggestion)
      select ${input.targetId}, post_id, issue_id, coded_by, coded_at, from_suggestion
      from analysis_codes where theme_id in (${sql.join(sources)})
      on conflict (theme_id, post_id) do nothing`.execute(trx);
    await trx.deleteFrom("analysis_codes").where("theme_id", "in", sources).execute();
    await sql`
      insert into analysis_pins (theme_id, post_id, pinned_by, pinned_at)
      select ${input.targetId}, post_id, pinned_by, pinned_at
      from analysis_pins where theme_id in (${sql.join(sources)})
      on conflict (theme_id, post_id) do nothing`.execute(trx);
    await trx.deleteFrom("analysis_pins").where("theme_id", "in", sources).execute();
    await trx
      .deleteFrom("analysis_suggested_codes")
      .where("theme_id", "in", sources)
      .where("status", "=", "pending")
      .execute();
    await trx
      .updateTable("analysis_themes")
      .set({ merged_into_id: input.targetId, updated_at: now })
      .where("id", "in", sources)
      .execute();
    const names = themes.filter((t) => t.id !== input.targetId).map((t) => `“${t.name}”`);
    await recordEvent(
      trx,
      issue,
      actor,
      now,
      "theme.merged",
      input.targetId,
      [],
      `merged ${names.join(", ")}`,
    );
  });
}

/** Moves the chosen contributions of a theme into a new theme. */
export async function splitTheme(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  input: { themeId: number; postIds: number[]; name: string; description: string },
  now: Date,
): Promise<number> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  if (input.postIds.length === 0)
    throw new InvalidInputError("Choose the contributions that make up the new theme.", {
      postIds: "Choose at least one contribution",
    });
  return runTransaction(db, async (trx) => {
    const [theme] = await lockThemes(trx, issue.id, [input.themeId]);
    if (!theme) throw new NotFoundError("We couldn't find that theme.");
    const newId = await insertTheme(trx, issue, actor, input, now);
    const moved = await trx
      .updateTable("analysis_codes")
      .set({ theme_id: newId, coded_by: actor.id, coded_at: now })
      .where("theme_id", "=", theme.id)
      .where("post_id", "in", input.postIds)
      .returning("post_id")
      .execute();
    await recordEvent(
      trx,
      issue,
      actor,
      now,
      "theme.split",
      newId,
      moved.map((row) => row.post_id),
      `split from “${theme.name}”`,
    );
    return newId;
  });
}

export interface CodeChange {
  postIds: number[];
  add: number[];
  remove: number[];
  /** The codes come from accepting suggestions (shown as such). */
  fromSuggestion?: boolean;
}

/** Adds and removes codes; returns how many pairs were added and removed. */
export async function changeCodes(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  change: CodeChange,
  now: Date,
): Promise<{ added: number; removed: number }> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  return runTransaction(db, (trx) => applyCodeChange(trx, issue, actor, change, now));
}

export async function applyCodeChange(
  trx: Trx,
  issue: AnalysedIssue,
  actor: Viewer,
  change: CodeChange,
  now: Date,
): Promise<{ added: number; removed: number }> {
  const remove = change.remove.filter((id) => !change.add.includes(id));
  await lockThemes(trx, issue.id, [...change.add, ...remove]);
  const postIds = await contributionsAmong(trx, issue.id, change.postIds);
  if (postIds.length !== new Set(change.postIds).size)
    throw new InvalidInputError("Some of those are not contributions to this issue.");
  let added = 0;
  for (const themeId of [...new Set(change.add)].sort((a, b) => a - b)) {
    const rows: { post_id: number }[] = [];
    for (const chunk of chunks(postIds)) {
      rows.push(
        ...(await trx
          .insertInto("analysis_codes")
          .values(
            chunk.map((postId) => ({
              theme_id: themeId,
              post_id: postId,
              issue_id: issue.id,
              coded_by: actor.id,
              coded_at: now,
              from_suggestion: change.fromSuggestion ?? false,
            })),
          )
          .onConflict((oc) => oc.columns(["theme_id", "post_id"]).doNothing())
          .returning("post_id")
          .execute()),
      );
      // A pending suggestion of this very code is settled by it: the officer's code agrees
      // with it, so it counts as accepted (the code itself says whether it came from it).
      await trx
        .updateTable("analysis_suggested_codes")
        .set({ status: "accepted", decided_by: actor.id, decided_at: now })
        .where("theme_id", "=", themeId)
        .where("post_id", "in", chunk)
        .where("status", "=", "pending")
        .execute();
    }
    added += rows.length;
    if (rows.length) {
      await recordEvent(
        trx,
        issue,
        actor,
        now,
        change.fromSuggestion ? "suggestion.accepted" : "code.added",
        themeId,
        rows.map((row) => row.post_id),
      );
    }
  }
  let removed = 0;
  for (const themeId of [...new Set(remove)].sort((a, b) => a - b)) {
    const rows: { post_id: number }[] = [];
    for (const chunk of chunks(postIds)) {
      rows.push(
        ...(await trx
          .deleteFrom("analysis_codes")
          .where("theme_id", "=", themeId)
          .where("post_id", "in", chunk)
          .returning("post_id")
          .execute()),
      );
      await trx
        .deleteFrom("analysis_pins")
        .where("theme_id", "=", themeId)
        .where("post_id", "in", chunk)
        .execute();
    }
    removed += rows.length;
    if (rows.length) {
      await recordEvent(
        trx,
        issue,
        actor,
        now,
        "code.removed",
        themeId,
        rows.map((row) => row.post_id),
      );
    }
  }
  return { added, removed };
}

/** Accepts or rejects one suggested code. */
export async function decideSuggestedCode(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  suggestionId: number,
  accept: boolean,
  now: Date,
): Promise<void> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  await runTransaction(db, async (trx) => {
    const suggestion = await trx
      .selectFrom("analysis_suggested_codes")
      .select(["id", "post_id", "theme_id", "status"])
      .where("id", "=", suggestionId)
      .where("issue_id", "=", issue.id)
      .forUpdate()
      .executeTakeFirst();
    if (!suggestion) throw new NotFoundError("We couldn't find that suggestion.");
    if (suggestion.status !== "pending") return;
    if (accept) {
      await applyCodeChange(
        trx,
        issue,
        actor,
        {
          postIds: [suggestion.post_id],
          add: [suggestion.theme_id],
          remove: [],
          fromSuggestion: true,
        },
        now,
      );
      return;
    }
    await trx
      .updateTable("analysis_suggested_codes")
      .set({ status: "rejected", decided_by: actor.id, decided_at: now })
      .where("id", "=", suggestion.id)
      .execute();
    await recordEvent(trx, issue, actor, now, "suggestion.rejected", suggestion.theme_id, [
      suggestion.post_id,
    ]);
  });
}

/** Marks a contribution evidence-rich (specific detail worth quoting), or unmarks it. */
export async function markEvidenceRich(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  postId: number,
  evidenceRich: boolean,
  now: Date,
): Promise<void> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  await runTransaction(db, async (trx) => {
    const [found] = await contributionsAmong(trx, issue.id, [postId]);
    if (found === undefined) throw new NotFoundError("We couldn't find that contribution.");
    await trx
      .insertInto("analysis_marks")
      .values({
        post_id: postId,
        issue_id: issue.id,
        evidence_rich: evidenceRich,
        marked_by: actor.id,
        marked_at: now,
      })
      .onConflict((oc) =>
        oc
          .column("post_id")
          .doUpdateSet({ evidence_rich: evidenceRich, marked_by: actor.id, marked_at: now }),
      )
      .execute();
    await recordEvent(
      trx,
      issue,
      actor,
      now,
      evidenceRich ? "evidence.marked" : "evidence.unmarked",
      null,
      [postId],
    );
  });
}

/** Pins a coded contribution as one of a theme's quotes (at most five), or unpins it. */
export async function pinQuote(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  input: { themeId: number; postId: number; pinned: boolean },
  now: Date,
): Promise<void> {
  const issue = await findAnalysedIssue(db, actor, issueSlug);
  await runTransaction(db, async (trx) => {
    await lockThemes(trx, issue.id, [input.themeId]);
    if (!input.pinned) {
      await trx
        .deleteFrom("analysis_pins")
        .where("theme_id", "=", input.themeId)
        .where("post_id", "=", input.postId)
        .execute();
      await recordEvent(trx, issue, actor, now, "quote.unpinned", input.themeId, [input.postId]);
      return;
    }
    const coded = await trx
      .selectFrom("analysis_codes")
      .select("post_id")
      .where("theme_id", "=", input.themeId)
      .where("post_id", "=", input.postId)
      .executeTakeFirst();
    if (!coded)
      throw new InvalidInputError(
        "Only a contribution coded to the theme can be one of its quotes.",
      );
    const pinned = await trx
      .selectFrom("analysis_pins")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("theme_id", "=", input.themeId)
      .executeTakeFirstOrThrow();
    if (Number(pinned.count) >= MAX_PINNED_QUOTES)
      throw new ConflictError(
        `A theme has at most ${MAX_PINNED_QUOTES} pinned quotes: unpin one first.`,
      );
    await trx
      .insertInto("analysis_pins")
      .values({
        theme_id: input.themeId,
        post_id: input.postId,
        pinned_by: actor.id,
        pinned_at: now,
      })
      .onConflict((oc) => oc.columns(["theme_id", "post_id"]).doNothing())
      .execute();
    await recordEvent(trx, issue, actor, now, "quote.pinned", input.themeId, [input.postId]);
  });
}
