/**
 * The listening figures on a constructed area whose right answers are known by hand:
 * every value below is worked out from the rows this file writes.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postReply, postThread } from "../../../scripts/test-harness/contributions";
import type { TestDatabase } from "../../../scripts/test-harness/databases";
import { makeAreaAndCategory, makeUser } from "../../../scripts/test-harness/factories";
import { openTestDatabase } from "../../../scripts/test-harness/test-context";
import type { Viewer } from "../../auth.server";
import { renderMarkdown } from "../../markdown.server";
import { readListeningFigures, type ListeningScope } from "./listening-figures.server";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = new Date("2026-11-30T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);
/** Backdates a row: creation times are never updated by the app, so the type forbids it. */
const at = (date: Date) => sql<never>`${date.toISOString()}::timestamptz`;

let t: TestDatabase;
let area: { areaId: number; categoryId: number };
let officer: Viewer;
let scope: ListeningScope;

async function issueIn(
  slug: string,
  window: { opensAt: Date; closesAt: Date; status?: "open" | "closed" | "responded" | "draft" },
) {
  const row = await t.db
    .insertInto("issues")
    .values({
      slug: `${slug}-${area.areaId}`,
      title: slug,
      summary_md: "A test.",
      summary_html: renderMarkdown("A test."),
      area_id: area.areaId,
      category_id: area.categoryId,
      status: window.status ?? "open",
      opens_at: window.opensAt,
      closes_at: window.closesAt,
      opened_sent_at: window.opensAt,
      created_by: officer.id,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  return row;
}

async function publishOutcomeAt(
  issueId: number,
  at: Date,
  status: "decision_made" | "in_progress",
  progress: number,
) {
  await t.db
    .insertInto("outcomes")
    .values({
      issue_id: issueId,
      title: "Outcome",
      status,
      progress,
      you_said_md: "x",
      you_said_html: "x",
      we_did_md: "y",
      we_did_html: "y",
      team: "Team",
      published_at: at,
      created_by: officer.id,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

beforeAll(async () => {
  t = await openTestDatabase();
  area = await makeAreaAndCategory(t.db);
  officer = await makeUser(t.db, { role: "officer", team: "Team" });
  scope = {
    from: ago(365),
    to: new Date(now.getTime() + DAY),
    areaId: area.areaId,
    now,
    responseWeeks: 12,
    unansweredDays: 5,
  };

  // Consultations: on time (5 days), late (90 days, due at 84), overdue (due 16 days ago),
  // one still open, and a draft (never counted).
  const onTime = await issueIn("on-time", {
    opensAt: ago(60),
    closesAt: ago(20),
    status: "responded",
  });
  await publishOutcomeAt(onTime.id, ago(15), "decision_made", 40);
  const late = await issueIn("late", {
    opensAt: ago(250),
    closesAt: ago(200),
    status: "responded",
  });
  await publishOutcomeAt(late.id, ago(110), "in_progress", 60);
  await issueIn("overdue", { opensAt: ago(150), closesAt: ago(100), status: "closed" });
  const open = await issueIn("open", { opensAt: ago(10), closesAt: ago(-30) });
  await issueIn("draft", { opensAt: ago(100), closesAt: ago(99), status: "draft" });

  // Questions in the open issue: answered after 2 h and after 4 h, one unanswered for 10
  // days, one unanswered for 1 day (not yet "unanswered after 5 days").
  const asker = await makeUser(t.db);
  const questions = [
    { askedDaysAgo: 8, answeredAfterHours: 2 },
    { askedDaysAgo: 7, answeredAfterHours: 4 },
    { askedDaysAgo: 10, answeredAfterHours: null },
    { askedDaysAgo: 1, answeredAfterHours: null },
  ];
  for (const [index, q] of questions.entries()) {
    const threadId = await postThread(
      t.db,
      asker,
      open.slug,
      { kind: "question", title: `Question ${index}`, body: "When?" },
      now,
    );
    await t.db
      .updateTable("threads")
      .set({
        created_at: at(ago(q.askedDaysAgo)),
        answered_at:
          q.answeredAfterHours === null
            ? null
            : new Date(ago(q.askedDaysAgo).getTime() + q.answeredAfterHours * HOUR),
      })
      .where("id", "=", threadId)
      .execute();
    await t.db
      .updateTable("posts")
      .set({ created_at: at(ago(q.askedDaysAgo)) })
      .where("thread_id", "=", threadId)
      .execute();
  }
  // A returning resident (posted 400 days ago, before the period) and a new one, both in it.
  const returning = await makeUser(t.db);
  const old = await postThread(
    t.db,
    returning,
    open.slug,
    { kind: "discussion", title: "Long ago", body: "Old words." },
    now,
  );
  await t.db
    .updateTable("posts")
    .set({ created_at: at(ago(400)) })
    .where("thread_id", "=", old)
    .execute();
  await postReply(t.db, returning, old, { body: "Back again." }, now);
  const newcomer = await makeUser(t.db);
  await postReply(t.db, newcomer, old, { body: "First time here." }, now);
  await t.db
    .updateTable("posts")
    .set({ created_at: at(ago(2)) })
    .where("thread_id", "=", old)
    .where("body_md", "in", ["Back again.", "First time here."])
    .execute();
});
afterAll(() => t.close());

describe("listening figures on a constructed area", () => {
  it("questions: share answered, median time to answer, unanswered after N days", async () => {
    const { questions } = await readListeningFigures(t.db, scope);
    expect(questions).toEqual({
      asked: 4,
      answered: 2,
      shareAnswered: 0.5,
      medianHoursToAnswer: 3,
      unansweredAfterDays: 1,
    });
  });

  it("consultations: on time, median days to outcome, and the overdue list with lateness", async () => {
    const { consultations } = await readListeningFigures(t.db, scope);
    expect(consultations.closed).toBe(3);
    expect(consultations.withOutcome).toBe(2);
    expect(consultations.shareOnTime).toBeCloseTo(1 / 3);
    expect(consultations.medianDaysToOutcome).toBe(47.5);
    expect(consultations.overdue.map((o) => [o.title, o.daysLate])).toEqual([["overdue", 16]]);
  });

  it("outcomes by status and average progress", async () => {
    const { outcomes } = await readListeningFigures(t.db, scope);
    expect(outcomes).toEqual({
      published: 2,
      byStatus: { decision_made: 1, in_progress: 1 },
      averageProgress: 50,
    });
  });

  it("participation: new and returning people, and the area's posts", async () => {
    const { participation } = await readListeningFigures(t.db, scope);
    // The asker (4 questions), the returning resident and the newcomer.
    expect(participation.people).toBe(3);
    expect(participation.returningPeople).toBe(1);
    expect(participation.newPeople).toBe(2);
    expect(participation.byArea).toEqual([
      expect.objectContaining({ areaId: area.areaId, posts: 6, people: 3 }),
    ]);
    const months = participation.byMonth.filter((m) => m.posts > 0);
    expect(months.reduce((sum, m) => sum + m.posts, 0)).toBe(6);
  });

  it("an empty period has nothing to share or take the middle of", async () => {
    const empty = await readListeningFigures(t.db, { ...scope, from: ago(900), to: ago(800) });
    expect(empty.questions).toEqual({
      asked: 0,
      answered: 0,
      shareAnswered: null,
      medianHoursToAnswer: null,
      unansweredAfterDays: 0,
    });
    expect(empty.consultations.shareOnTime).toBeNull();
    expect(empty.consultations.medianDaysToOutcome).toBeNull();
    // Overdue is "now", whatever the period.
    expect(empty.consultations.overdue).toHaveLength(1);
    expect(empty.outcomes.averageProgress).toBeNull();
    expect(empty.moderation.shareHeld).toBeNull();
  });
});
