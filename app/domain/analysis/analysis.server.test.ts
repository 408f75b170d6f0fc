/**
 * The analysis workspace against real PostgreSQL: what counts as a contribution (and
 * what never does), coding without losing anyone's work, themes, suggestions computed by
 * the worker, exports, and an outcome that tells residents their point was considered.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postReply, postThread } from "../../../scripts/test-harness/contributions";
import type { TestDatabase } from "../../../scripts/test-harness/databases";
import { makeIssue, makeUser } from "../../../scripts/test-harness/factories";
import { openTestDatabase } from "../../../scripts/test-harness/test-context";
import { REFERENCE_CONTRIBUTIONS } from "../../../seeds/analysis-reference";
import type { Viewer } from "../../auth.server";
import { outboxHandlers } from "../../jobs/handlers.server";
import { drainOutbox } from "../../jobs/outbox-worker.server";
import { createLogger } from "../../log.server";
import { ConflictError, ForbiddenError, InvalidInputError } from "../errors";
import { deleteOwnPost } from "../post-edits.server";
import { draftOutcome, publishOutcome } from "../outcomes.server";
import { exportCodingCsv, exportConsultJson } from "./analysis-exports.server";
import {
  changeCodes,
  createTheme,
  decideSuggestedCode,
  mergeThemes,
  splitTheme,
  updateTheme,
} from "./coding.server";
import { NO_FILTERS } from "./contributions.server";
import { startFromThemes } from "./outcome-themes.server";
import { decideSuggestedTheme, requestSuggestions } from "./suggestion-runs.server";
import { summariseThemes } from "./theme-summary.server";
import { codeFilteredContributions, listCandidateThemes, readWorkspace } from "./workspace.server";

let t: TestDatabase;
let officer: Viewer;
let otherOfficer: Viewer;
let issue: { id: number; slug: string };
let residents: Viewer[];
let publicPosts: number[];
let hiddenPost: number;
let heldPost: number;
let deletedPost: number;
let staffReply: number;
const now = new Date();

const services = () => ({
  db: t.db,
  search: null,
  log: createLogger("silent"),
  secret: "analysis-test-secret",
});

beforeAll(async () => {
  t = await openTestDatabase();
  officer = await makeUser(t.db, { role: "officer", team: "Libraries" });
  otherOfficer = await makeUser(t.db, { role: "officer", team: "Libraries" });
  const made = await makeIssue(t.db, { title: "The future of the library" });
  issue = { id: made.id, slug: made.slug };
  residents = await Promise.all(Array.from({ length: 8 }, () => makeUser(t.db)));
  publicPosts = [];
  // Eight threads of five contributions each, from the hand-coded reference material.
  for (let thread = 0; thread < 8; thread++) {
    const texts = REFERENCE_CONTRIBUTIONS.slice(thread * 20, thread * 20 + 5).map((c) => c.text);
    const threadId = await postThread(
      t.db,
      residents[thread]!,
      issue.slug,
      { kind: thread % 2 ? "idea" : "discussion", title: `Thread ${thread + 1}`, body: texts[0]! },
      now,
    );
    const opening = await t.db
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .executeTakeFirstOrThrow();
    publicPosts.push(opening.id);
    for (const [index, text] of texts.slice(1).entries()) {
      publicPosts.push(
        await postReply(t.db, residents[(thread + index + 1) % 8]!, threadId, { body: text }, now),
      );
    }
  }
  const threadId = (
    await t.db
      .selectFrom("posts")
      .select("thread_id")
      .where("id", "=", publicPosts[0]!)
      .executeTakeFirstOrThrow()
  ).thread_id;
  hiddenPost = await postReply(
    t.db,
    residents[0]!,
    threadId,
    { body: "Secret hidden words about parking." },
    now,
  );
  heldPost = await postReply(
    t.db,
    residents[1]!,
    threadId,
    { body: "Held words waiting for moderation." },
    now,
  );
  deletedPost = await postReply(
    t.db,
    residents[2]!,
    threadId,
    { body: "Words the author took back." },
    now,
  );
  staffReply = await postReply(t.db, officer, threadId, { body: "A reply from the council." }, now);
  await t.db.updateTable("posts").set({ status: "hidden" }).where("id", "=", hiddenPost).execute();
  await t.db.updateTable("posts").set({ status: "pending" }).where("id", "=", heldPost).execute();
  await deleteOwnPost(t.db, residents[2]!, deletedPost, now);
  await drainOutbox(t.db, outboxHandlers);
});
afterAll(() => t.close());

const everyPostId = async (filters = NO_FILTERS) => {
  const workspace = await readWorkspace(services(), officer, issue.slug, filters, 1);
  return workspace.contributions.map((c) => c.postId);
};

describe("which contributions the analysis works on", () => {
  it("lists residents' public posts only, unless the officer asks for withheld ones", async () => {
    const listed = await everyPostId();
    expect(listed.sort()).toEqual([...publicPosts].sort());
    const withWithheld = await everyPostId({ ...NO_FILTERS, includeWithheld: true });
    expect(withWithheld).toEqual(expect.arrayContaining([hiddenPost, heldPost]));
    expect(withWithheld).not.toContain(deletedPost);
    expect(withWithheld).not.toContain(staffReply);
    const workspace = await readWorkspace(
      services(),
      officer,
      issue.slug,
      { ...NO_FILTERS, includeWithheld: true },
      1,
    );
    const marked = workspace.contributions.filter((c) => c.withheld).map((c) => c.postId);
    expect(marked.sort()).toEqual([hiddenPost, heldPost].sort());
  });

  it("is for officers: a resident or a moderator is refused", async () => {
    const moderator = await makeUser(t.db, { role: "moderator" });
    await expect(
      readWorkspace(services(), residents[0]!, issue.slug, NO_FILTERS, 1),
    ).rejects.toThrow(ForbiddenError);
    await expect(readWorkspace(services(), moderator, issue.slug, NO_FILTERS, 1)).rejects.toThrow(
      ForbiddenError,
    );
  });

  it("finds words with PostgreSQL when search is unavailable", async () => {
    const found = await everyPostId({ ...NO_FILTERS, q: "saturday" });
    expect(found.length).toBeGreaterThan(0);
    const workspace = await readWorkspace(
      services(),
      officer,
      issue.slug,
      { ...NO_FILTERS, q: "saturday" },
      1,
    );
    expect(workspace.textLimited).toBe(true);
    for (const contribution of workspace.contributions)
      expect(contribution.bodyMd.toLowerCase()).toContain("saturday");
  });
});

describe("themes and coding", () => {
  it("refuses a second theme with the same name, and a rename from a stale form", async () => {
    const id = await createTheme(
      t.db,
      officer,
      issue.slug,
      { name: "Opening hours", description: "" },
      now,
    );
    await expect(
      createTheme(t.db, officer, issue.slug, { name: "opening  hours", description: "" }, now),
    ).rejects.toThrow(InvalidInputError);
    await updateTheme(
      t.db,
      officer,
      issue.slug,
      { themeId: id, name: "Opening times", description: "When", version: 1 },
      now,
    );
    await expect(
      updateTheme(
        t.db,
        otherOfficer,
        issue.slug,
        { themeId: id, name: "Hours", description: "", version: 1 },
        now,
      ),
    ).rejects.toThrow(ConflictError);
  });

  it("loses nothing when two officers code the same contributions at once", async () => {
    const a = await createTheme(
      t.db,
      officer,
      issue.slug,
      { name: "Concurrency A", description: "" },
      now,
    );
    const b = await createTheme(
      t.db,
      otherOfficer,
      issue.slug,
      { name: "Concurrency B", description: "" },
      now,
    );
    const posts = publicPosts.slice(0, 20);
    // Each officer's form showed no codes and they tick their own theme on every post.
    await Promise.all(
      posts.flatMap((postId) => [
        changeCodes(t.db, officer, issue.slug, { postIds: [postId], add: [a], remove: [] }, now),
        changeCodes(
          t.db,
          otherOfficer,
          issue.slug,
          { postIds: [postId], add: [b], remove: [] },
          now,
        ),
      ]),
    );
    const codes = await t.db
      .selectFrom("analysis_codes")
      .select(["theme_id", "post_id", "coded_by"])
      .where("theme_id", "in", [a, b])
      .execute();
    expect(codes).toHaveLength(40);
    expect(codes.filter((c) => c.theme_id === a).every((c) => c.coded_by === officer.id)).toBe(
      true,
    );
    const events = await t.db
      .selectFrom("analysis_events")
      .select(["actor_id", "action", "post_ids"])
      .where("theme_id", "in", [a, b])
      .where("action", "=", "code.added")
      .execute();
    expect(events.flatMap((e) => e.post_ids)).toHaveLength(40);
  });

  it("merges codes and pins into one theme, and splits some out again", async () => {
    const keep = await createTheme(
      t.db,
      officer,
      issue.slug,
      { name: "Staff", description: "" },
      now,
    );
    const fold = await createTheme(
      t.db,
      officer,
      issue.slug,
      { name: "Volunteers", description: "" },
      now,
    );
    const [p1, p2, p3] = publicPosts;
    await changeCodes(
      t.db,
      officer,
      issue.slug,
      { postIds: [p1!, p2!], add: [keep], remove: [] },
      now,
    );
    await changeCodes(
      t.db,
      officer,
      issue.slug,
      { postIds: [p2!, p3!], add: [fold], remove: [] },
      now,
    );
    await mergeThemes(t.db, officer, issue.slug, { targetId: keep, sourceIds: [fold] }, now);
    const kept = await t.db
      .selectFrom("analysis_codes")
      .select("post_id")
      .where("theme_id", "=", keep)
      .execute();
    expect(kept.map((r) => r.post_id).sort()).toEqual([p1!, p2!, p3!].sort());
    await expect(
      changeCodes(t.db, officer, issue.slug, { postIds: [p1!], add: [fold], remove: [] }, now),
    ).rejects.toThrow(ConflictError);
    const split = await splitTheme(
      t.db,
      officer,
      issue.slug,
      { themeId: keep, postIds: [p3!], name: "Volunteers again", description: "" },
      now,
    );
    const moved = await t.db
      .selectFrom("analysis_codes")
      .select("post_id")
      .where("theme_id", "=", split)
      .execute();
    expect(moved.map((r) => r.post_id)).toEqual([p3!]);
  });

  it("bulk-codes every contribution under a filter", async () => {
    const theme = await createTheme(
      t.db,
      officer,
      issue.slug,
      { name: "Ideas", description: "" },
      now,
    );
    const { added } = await codeFilteredContributions(
      services(),
      officer,
      issue.slug,
      { ...NO_FILTERS, kind: "idea" },
      theme,
      now,
    );
    const ideas = await everyPostId({ ...NO_FILTERS, kind: "idea" });
    expect(added).toBe(ideas.length);
    expect(await everyPostId({ ...NO_FILTERS, theme })).toEqual(ideas);
  });
});

describe("suggestions", () => {
  it("are computed by the worker from public contributions only, the same every run", async () => {
    const first = await requestSuggestions(t.db, officer, issue.slug, now);
    expect(await requestSuggestions(t.db, otherOfficer, issue.slug, now)).toBe(first);
    await drainOutbox(t.db, outboxHandlers);
    const run = await t.db
      .selectFrom("analysis_runs")
      .selectAll()
      .where("id", "=", first)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("done");
    expect(run.contributions).toBe(publicPosts.length);
    const candidates = await listCandidateThemes(t.db, issue.id);
    expect(candidates.length).toBeGreaterThan(1);
    const members = await t.db
      .selectFrom("analysis_suggested_members")
      .innerJoin(
        "analysis_suggested_themes",
        "analysis_suggested_themes.id",
        "analysis_suggested_members.suggested_theme_id",
      )
      .select("analysis_suggested_members.post_id")
      .where("analysis_suggested_themes.run_id", "=", first)
      .execute();
    const suggested = members.map((m) => m.post_id);
    for (const withheld of [hiddenPost, heldPost, deletedPost, staffReply])
      expect(suggested).not.toContain(withheld);

    const second = await requestSuggestions(t.db, officer, issue.slug, now);
    expect(second).not.toBe(first);
    await drainOutbox(t.db, outboxHandlers);
    const again = await listCandidateThemes(t.db, issue.id);
    expect(again.map(({ label, size, phrases }) => ({ label, size, phrases }))).toEqual(
      candidates.map(({ label, size, phrases }) => ({ label, size, phrases })),
    );
  });

  it("are applied only when an officer accepts them, and say so", async () => {
    const [candidate] = await listCandidateThemes(t.db, issue.id);
    const themeId = await decideSuggestedTheme(
      t.db,
      officer,
      issue.slug,
      { suggestedThemeId: candidate!.id, accept: true, name: "Accepted from a suggestion" },
      now,
    );
    expect(themeId).not.toBeNull();
    const before = await t.db
      .selectFrom("analysis_codes")
      .select("post_id")
      .where("theme_id", "=", themeId!)
      .execute();
    expect(before).toHaveLength(0);
    const pending = await t.db
      .selectFrom("analysis_suggested_codes")
      .select(["id", "post_id"])
      .where("theme_id", "=", themeId!)
      .where("status", "=", "pending")
      .orderBy("id")
      .execute();
    expect(pending.length).toBe(candidate!.size);
    await decideSuggestedCode(t.db, officer, issue.slug, pending[0]!.id, true, now);
    await decideSuggestedCode(t.db, officer, issue.slug, pending[1]!.id, false, now);
    const codes = await t.db
      .selectFrom("analysis_codes")
      .select(["post_id", "from_suggestion"])
      .where("theme_id", "=", themeId!)
      .execute();
    expect(codes).toEqual([{ post_id: pending[0]!.post_id, from_suggestion: true }]);
  });
});

describe("exports", () => {
  it("CSV: one row per contribution and theme, public only, no email addresses", async () => {
    const { body } = await exportCodingCsv(services(), officer, issue.slug);
    const text = await new Response(body).text();
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const ids = new Set(rows.map((row) => Number(row.contribution_id)));
    expect([...ids].sort()).toEqual([...publicPosts].sort());
    const codes = await t.db
      .selectFrom("analysis_codes")
      .innerJoin("analysis_themes", "analysis_themes.id", "analysis_codes.theme_id")
      .select("analysis_codes.post_id")
      .where("analysis_codes.issue_id", "=", issue.id)
      .where("analysis_themes.merged_into_id", "is", null)
      .execute();
    const coded = new Set(codes.map((c) => c.post_id));
    expect(rows.length).toBe(codes.length + publicPosts.filter((id) => !coded.has(id)).length);
    expect(text).not.toMatch(/@test\.example/);
    expect(text).not.toContain("Secret hidden words");
    expect(text).not.toContain("Held words");
    for (const resident of residents) expect(text).not.toContain(resident.displayName);
    // The same person has the same label on every row.
    const labels = new Map<string, Set<string>>();
    for (const row of rows) labels.set(row.respondent!, new Set());
    expect(labels.size).toBeLessThanOrEqual(residents.length);
  });

  it("Consult JSON: respondents, responses, themes and the mapping, public only", async () => {
    const { document } = await exportConsultJson(services(), officer, issue.slug);
    const text = JSON.stringify(document);
    expect(text).not.toMatch(/@test\.example/);
    expect(text).not.toContain("Secret hidden words");
    expect(document.inputs.respondents.length).toBeLessThanOrEqual(residents.length);
    expect(document.inputs.question_part_1.responses).toHaveLength(
      document.inputs.respondents.length,
    );
    const keys = new Set(document.outputs.question_part_1.themes.map((theme) => theme.theme_key));
    for (const row of document.outputs.question_part_1.mapping)
      for (const key of row.theme_keys) expect(keys.has(key)).toBe(true);
  });
});

describe("from themes to the outcome", () => {
  it("starts “you said” from themes, counts what each stands for and tells the people coded", async () => {
    const theme = await createTheme(
      t.db,
      officer,
      issue.slug,
      { name: "Building access", description: "The lift, the ramp and the doors." },
      now,
    );
    const [first, second] = publicPosts.slice(30, 32);
    await changeCodes(
      t.db,
      officer,
      issue.slug,
      { postIds: [first!, second!, hiddenPost], add: [theme], remove: [] },
      now,
    );
    const start = await startFromThemes(services(), issue, [theme]);
    expect(start.youSaid).toContain("**Building access** (2 contributions");
    expect(start.citations.sort()).toEqual([first!, second!].sort());
    const summary = await summariseThemes(services(), officer, issue.slug, {
      includeWithheld: false,
    });
    const publicOnly = summary.themes.find((s) => s.id === theme)!;
    expect(publicOnly.contributions).toBe(2);
    expect([...publicOnly.quotes, ...publicOnly.others].map((q) => q.postId)).not.toContain(
      hiddenPost,
    );
    // Asked for on screen, the hidden contribution is counted and marked.
    const withWithheld = await summariseThemes(services(), officer, issue.slug, {
      includeWithheld: true,
    });
    const marked = withWithheld.themes.find((s) => s.id === theme)!;
    expect(marked.contributions).toBe(3);
    const hiddenQuote = [...marked.quotes, ...marked.others].find((q) => q.postId === hiddenPost);
    expect(hiddenQuote?.withheld).toBe(true);
    expect(summary.activity.some((event) => event.action === "code.added")).toBe(true);

    const outcomeId = await draftOutcome(
      t.db,
      officer,
      issue.slug,
      {
        title: "What we will do about access",
        status: "decision_made",
        statusReason: null,
        progress: 0,
        youSaid: start.youSaid,
        weDid: "We will mend the lift.",
        nextSteps: [],
        team: "Libraries",
        version: null,
      },
      start.citations,
      now,
      [theme],
    );
    await publishOutcome(t.db, officer, outcomeId, now);
    const row = await t.db
      .selectFrom("outcome_themes")
      .select(["contributions", "people"])
      .where("outcome_id", "=", outcomeId)
      .executeTakeFirstOrThrow();
    expect(row.contributions).toBe(2);
    await drainOutbox(t.db, outboxHandlers);
    const authors = await t.db
      .selectFrom("posts")
      .select("author_id")
      .where("id", "in", [first!, second!])
      .execute();
    for (const { author_id } of authors) {
      const notes = await t.db
        .selectFrom("notifications")
        .select(["kind", "payload"])
        .where("user_id", "=", author_id)
        .where("kind", "=", "considered")
        .execute();
      expect(notes).toHaveLength(1);
      expect((notes[0]!.payload as { text: string }).text).toContain(
        "Your point about “Building access” was considered",
      );
    }
    // The author of the hidden post coded to the theme hears nothing about that post.
    const hiddenAuthorNotes = await t.db
      .selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", residents[0]!.id)
      .where("kind", "=", "considered")
      .execute();
    const hiddenAuthorCoded = authors.some((a) => a.author_id === residents[0]!.id);
    expect(hiddenAuthorNotes.length).toBe(hiddenAuthorCoded ? 1 : 0);
  });
});
