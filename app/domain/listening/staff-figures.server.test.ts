/**
 * The staff figures on a constructed area whose answers are worked out by hand: the
 * funnel per issue, answers per team and officer, and the three lists.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postReply, postThread } from "../../../scripts/test-harness/contributions";
import type { TestDatabase } from "../../../scripts/test-harness/databases";
import { makeAreaAndCategory, makeUser } from "../../../scripts/test-harness/factories";
import { openTestDatabase } from "../../../scripts/test-harness/test-context";
import type { Viewer } from "../../auth.server";
import { renderMarkdown } from "../../markdown.server";
import { supportIdea } from "../supports.server";
import { readStaffFigures, type StaffScope } from "./staff-figures.server";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = new Date("2026-11-30T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const at = (date: Date) => sql<never>`${date.toISOString()}::timestamptz`;
const day = (date: Date) => date.toISOString().slice(0, 10);

let t: TestDatabase;
let area: { areaId: number; categoryId: number };
let creator: Viewer;
let scope: StaffScope;

async function issueIn(slug: string, team: string, opensAt: Date, closesAt: Date) {
  return t.db
    .insertInto("issues")
    .values({
      slug: `${slug}-${area.areaId}`,
      title: slug,
      summary_md: "A test.",
      summary_html: renderMarkdown("A test."),
      area_id: area.areaId,
      category_id: area.categoryId,
      status: "open",
      opens_at: opensAt,
      closes_at: closesAt,
      opened_sent_at: opensAt,
      team,
      created_by: creator.id,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
}

/** A question asked `daysAgo`, answered by `officer` after `hours` (or not). */
async function question(
  issueSlug: string,
  asker: Viewer,
  daysAgo: number,
  answer: { officer: Viewer; hours: number } | null,
) {
  const threadId = await postThread(
    t.db,
    asker,
    issueSlug,
    { kind: "question", title: `Asked ${daysAgo} days ago`, body: "When?" },
    now,
  );
  const asked = ago(daysAgo);
  await t.db
    .updateTable("threads")
    .set({ created_at: at(asked) })
    .where("id", "=", threadId)
    .execute();
  await t.db
    .updateTable("posts")
    .set({ created_at: at(asked) })
    .where("thread_id", "=", threadId)
    .execute();
  if (answer) {
    const postId = await postReply(t.db, answer.officer, threadId, { body: "Answer." }, now);
    await t.db
      .updateTable("threads")
      .set({
        answered_post_id: postId,
        answered_at: new Date(asked.getTime() + answer.hours * HOUR),
      })
      .where("id", "=", threadId)
      .execute();
  }
  return threadId;
}

beforeAll(async () => {
  t = await openTestDatabase();
  area = await makeAreaAndCategory(t.db);
  creator = await makeUser(t.db, { role: "officer", team: "Roads" });
  scope = { from: ago(30), to: now, areaId: area.areaId, now, responseWeeks: 12 };
  const roadsOfficer = await makeUser(t.db, { role: "officer", team: "Roads" });
  const parksOfficer = await makeUser(t.db, { role: "officer", team: "Parks" });
  const [ann, ben, cat] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];

  const roads = await issueIn("roads", "Roads", ago(20), ago(-3)); // closes in 3 days
  const parks = await issueIn("parks", "Parks", ago(25), ago(-40));
  await issueIn("outcome-due", "Parks", ago(120), ago(80)); // outcome due 84 days after: in 4 days
  await issueIn("overdue", "Parks", ago(150), ago(100)); // due 16 days ago: not "due soon"
  await issueIn("long-ago", "Roads", ago(400), ago(300)); // not open in the period

  // Questions: Roads answered after 2 h and 4 h by the Roads officer, Parks after 10 h by
  // the Parks officer; two unanswered, asked 12 and 3 days ago; one asked before the period.
  await question(roads.slug, ann, 10, { officer: roadsOfficer, hours: 2 });
  await question(roads.slug, ben, 9, { officer: roadsOfficer, hours: 4 });
  await question(parks.slug, ann, 8, { officer: parksOfficer, hours: 10 });
  await question(roads.slug, cat, 12, null);
  await question(parks.slug, ben, 3, null);
  await question(parks.slug, cat, 45, null);

  // A busy idea in Roads: three residents (Ann twice), one staff reply; two supporters.
  const idea = await postThread(
    t.db,
    ann,
    roads.slug,
    { kind: "idea", title: "Busy idea", body: "Idea." },
    now,
  );
  await postReply(t.db, ben, idea, { body: "Yes." }, now);
  await postReply(t.db, ann, idea, { body: "And more." }, now);
  await postReply(t.db, roadsOfficer, idea, { body: "Noted." }, now);
  await supportIdea(t.db, ben, idea, now);
  await supportIdea(t.db, cat, idea, now);
  // Written at the real clock's time: placed inside the fixed period.
  await t.db
    .updateTable("posts")
    .set({ created_at: at(ago(1)) })
    .where("thread_id", "=", idea)
    .execute();
  await t.db
    .updateTable("threads")
    .set({ created_at: at(ago(1)) })
    .where("id", "=", idea)
    .execute();
  await t.db
    .updateTable("supports")
    .set({ created_at: at(ago(1)) })
    .where("thread_id", "=", idea)
    .execute();

  // Views: Roads page 7 + 5 on two days in the period, 100 before it; its threads 9.
  await t.db
    .insertInto("page_views_daily")
    .values([
      { day: day(ago(2)), issue_id: roads.id, thread_id: null, views: 7 },
      { day: day(ago(1)), issue_id: roads.id, thread_id: null, views: 5 },
      { day: day(ago(60)), issue_id: roads.id, thread_id: null, views: 100 },
      { day: day(ago(1)), issue_id: roads.id, thread_id: idea, views: 4 },
      // Today counts: the period ends now, part-way through the day.
      { day: day(now), issue_id: roads.id, thread_id: idea, views: 5 },
    ])
    .execute();
});
afterAll(() => t.close());

describe("staff figures on a constructed area", () => {
  it("the funnel per issue: views in the period, contributors and supporters are people", async () => {
    const { byIssue } = await readStaffFigures(t.db, scope);
    expect(byIssue.map((i) => i.title)).toEqual(["roads", "parks"]);
    const roads = byIssue.find((i) => i.title === "roads")!;
    // Contributors: Ann (question, idea, reply), Ben (question, reply), Cat (question); not the officer.
    expect(roads).toMatchObject({ issueViews: 12, threadViews: 9, contributors: 3, supporters: 2 });
    expect(roads).toMatchObject({ asked: 3, answered: 2, medianHoursToAnswer: 3 });
    const parks = byIssue.find((i) => i.title === "parks")!;
    expect(parks).toMatchObject({ issueViews: 0, threadViews: 0, contributors: 2, supporters: 0 });
    expect(parks).toMatchObject({ asked: 2, answered: 1, medianHoursToAnswer: 10 });
  });

  it("answers per team (of the issue) and per officer (who answered)", async () => {
    const { byTeam, byOfficer } = await readStaffFigures(t.db, scope);
    expect(byTeam).toEqual([
      { team: "Parks", issues: 1, asked: 2, answered: 1, medianHoursToAnswer: 10 },
      { team: "Roads", issues: 1, asked: 3, answered: 2, medianHoursToAnswer: 3 },
    ]);
    expect(byOfficer.map((o) => [o.team, o.answers, o.medianHoursToAnswer])).toEqual([
      ["Roads", 2, 3],
      ["Parks", 1, 10],
    ]);
  });

  it("lists: questions waiting longest, consultations due soon, busiest threads", async () => {
    const { waitingLongest, dueSoon, busiestThreads } = await readStaffFigures(t.db, scope);
    expect(waitingLongest.map((q) => q.daysWaiting)).toEqual([45, 12, 3]);
    expect(dueSoon.map((d) => [d.title, d.what, d.daysLeft])).toEqual([
      ["roads", "closes", 3],
      ["outcome-due", "outcome due", 4],
    ]);
    expect(busiestThreads[0]).toMatchObject({ title: "Busy idea", posts: 4, people: 3 });
  });

  it("an empty period has empty lists and no medians, not zeros", async () => {
    const empty = await readStaffFigures(t.db, { ...scope, from: ago(1000), to: ago(900) });
    expect(empty.byIssue).toEqual([]);
    expect(empty.byOfficer).toEqual([]);
    expect(empty.busiestThreads).toEqual([]);
  });
});
