import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { outboxHandlers } from "../jobs/handlers.server";
import { drainOutbox } from "../jobs/outbox-worker.server";
import { ForbiddenError } from "./errors";
import { follow } from "./follows.server";
import { getIssue, updateIssue } from "./issues.server";
import {
  countParticipation,
  readParticipation,
  recountDueParticipation,
} from "./issue-participation.server";
import { londonDate } from "./uk-calendar";
import { supportIdea } from "./supports.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

async function editInput(slug: string, overrides: Record<string, string> = {}) {
  const issue = await getIssue(t.db, slug, await makeUser(t.db, { role: "officer" }));
  return {
    title: issue.title,
    summary: issue.summary_md,
    areaId: issue.area_id,
    categoryId: issue.category_id,
    opensOn: londonDate(issue.opens_at),
    closesOn: londonDate(issue.closes_at),
    team: issue.team ?? "",
    visibility: "published" as const,
    ...overrides,
  };
}

describe("editing an issue", () => {
  it("lets an officer retitle it and close it early, telling its followers", async () => {
    const issue = await makeIssue(t.db);
    const officer = await makeUser(t.db, { role: "officer" });
    const follower = await makeUser(t.db);
    await follow(t.db, follower, { kind: "issue", id: issue.id });
    const input = {
      ...(await editInput(issue.slug)),
      title: "Mill Lane: closed early",
      visibility: "closed" as const,
    };
    await updateIssue(t.db, officer, issue.slug, input, new Date());
    await drainOutbox(t.db, outboxHandlers);
    const updated = await getIssue(t.db, issue.slug, null);
    expect([updated.title, updated.status]).toEqual(["Mill Lane: closed early", "closed"]);
    const notes = await t.db
      .selectFrom("notifications")
      .select(["kind", "payload"])
      .where("user_id", "=", follower.id)
      .execute();
    expect(notes.map((n) => [n.kind, (n.payload as { text: string }).text])).toEqual([
      ["issue_status", "“Mill Lane: closed early” has closed for comments"],
    ]);
  });

  it("records the day it closed early, keeps it once answered, and clears it on reopening", async () => {
    const issue = await makeIssue(t.db);
    const officer = await makeUser(t.db, { role: "officer" });
    const closedEarlyAt = async () =>
      (
        await t.db
          .selectFrom("issues")
          .select("closed_early_at")
          .where("id", "=", issue.id)
          .executeTakeFirstOrThrow()
      ).closed_early_at;
    const closingDay = new Date(Date.now() - 60_000);
    const closed = { ...(await editInput(issue.slug)), visibility: "closed" as const };
    await updateIssue(t.db, officer, issue.slug, closed, closingDay);
    expect(await closedEarlyAt()).toEqual(closingDay);
    // Another edit of the closed issue keeps the day it really closed.
    await updateIssue(t.db, officer, issue.slug, { ...closed, title: "Renamed" }, new Date());
    expect(await closedEarlyAt()).toEqual(closingDay);
    await updateIssue(
      t.db,
      officer,
      issue.slug,
      { ...closed, visibility: "published" as const },
      new Date(),
    );
    expect(await closedEarlyAt()).toBeNull();
  });

  it("refuses residents", async () => {
    const issue = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    await expect(
      updateIssue(t.db, resident, issue.slug, await editInput(issue.slug), new Date()),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses a closing date before the opening date", async () => {
    const issue = await makeIssue(t.db);
    const officer = await makeUser(t.db, { role: "officer" });
    const input = {
      ...(await editInput(issue.slug)),
      opensOn: "2027-05-01",
      closesOn: "2027-04-01",
    };
    await expect(updateIssue(t.db, officer, issue.slug, input, new Date())).rejects.toMatchObject({
      fieldErrors: { closesOn: "The closing date must be after the opening date" },
    });
  });

  it("re-arms the closing announcements when the closing date moves", async () => {
    const issue = await makeIssue(t.db);
    const officer = await makeUser(t.db, { role: "officer" });
    await t.db
      .updateTable("issues")
      .set({ closing_soon_sent_at: new Date() })
      .where("id", "=", issue.id)
      .execute();
    await updateIssue(
      t.db,
      officer,
      issue.slug,
      { ...(await editInput(issue.slug)), closesOn: "2099-01-31" },
      new Date(),
    );
    const row = await t.db
      .selectFrom("issues")
      .select("closing_soon_sent_at")
      .where("id", "=", issue.id)
      .executeTakeFirstOrThrow();
    expect(row.closing_soon_sent_at).toBeNull();
  });
});

describe("participation", () => {
  it("counts people, threads, posts and supports of public content only", async () => {
    const issue = await makeIssue(t.db);
    const [a, b, c] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
    const idea = await postThread(
      t.db,
      a,
      issue.slug,
      { kind: "idea", title: "An idea here", body: "x" },
      new Date(),
    );
    await postReply(t.db, b, idea, { body: "Yes" }, new Date());
    await supportIdea(t.db, c, idea, new Date());
    const hidden = await postThread(
      t.db,
      b,
      issue.slug,
      { kind: "discussion", title: "Hidden one", body: "x" },
      new Date(),
    );
    await t.db.updateTable("threads").set({ status: "hidden" }).where("id", "=", hidden).execute();
    expect(await countParticipation(t.db, issue.id)).toEqual({
      people: 3,
      threads: 1,
      posts: 2,
      supports: 1,
    });
  });
});

describe("the participation tally the issue page reads", () => {
  const MINUTE = 60_000;

  it("is counted live until the worker tallies it, then recounted every minute", async () => {
    const now = new Date();
    const issue = await makeIssue(t.db, { now });
    const [a, b] = [await makeUser(t.db), await makeUser(t.db)];
    const thread = await postThread(
      t.db,
      a,
      issue.slug,
      { kind: "discussion", title: "A tally thread", body: "First" },
      now,
    );
    expect(await readParticipation(t.db, issue.id)).toEqual({
      people: 1,
      threads: 1,
      posts: 1,
      supports: 0,
      countedAt: null,
    });

    await recountDueParticipation(t.db, now);
    await postReply(t.db, b, thread, { body: "Second" }, now);
    // The page shows the tally until the next count: one reply behind.
    expect(await readParticipation(t.db, issue.id)).toMatchObject({ people: 1, posts: 1 });
    await recountDueParticipation(t.db, new Date(now.getTime() + 30_000));
    expect(await readParticipation(t.db, issue.id)).toMatchObject({ people: 1, posts: 1 });
    const later = new Date(now.getTime() + MINUTE + 1_000);
    await recountDueParticipation(t.db, later);
    expect(await readParticipation(t.db, issue.id)).toEqual({
      people: 2,
      threads: 1,
      posts: 2,
      supports: 0,
      countedAt: later,
    });
  });

  it("recounts an issue closed long ago only once a day", async () => {
    const now = new Date();
    const longAgo = new Date(now.getTime() - 60 * 24 * 60 * MINUTE);
    const issue = await makeIssue(t.db, { now: longAgo, closed: true });
    await recountDueParticipation(t.db, now);
    const first = await readParticipation(t.db, issue.id);
    expect(first.countedAt).toEqual(now);
    const inAnHour = new Date(now.getTime() + 60 * MINUTE);
    await recountDueParticipation(t.db, inAnHour);
    expect((await readParticipation(t.db, issue.id)).countedAt).toEqual(now);
    const tomorrow = new Date(now.getTime() + 25 * 60 * MINUTE);
    await recountDueParticipation(t.db, tomorrow);
    expect((await readParticipation(t.db, issue.id)).countedAt).toEqual(tomorrow);
  });
});
