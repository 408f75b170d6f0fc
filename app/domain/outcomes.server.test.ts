import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { Viewer } from "../auth.server";
import { renderOutcomesFeed, type FeedFormat } from "../feeds.server";
import { outboxHandlers } from "../jobs/handlers.server";
import { drainOutbox } from "../jobs/outbox-worker.server";
import type { OutcomeInput } from "../schemas/outcomes";
import { ConflictError, ForbiddenError } from "./errors";
import { flagPost } from "./flags.server";
import { follow } from "./follows.server";
import { deleteOwnPost } from "./post-edits.server";
import {
  citationsOfPosts,
  draftOutcome,
  getOutcome,
  AWAITING_PER_PAGE,
  listAwaitingOutcome,
  listOutcomes,
  publishOutcome,
  updateOutcome,
} from "./outcomes.server";
import { supportIdea } from "./supports.server";

let t: TestDatabase;
let officer: Viewer;
beforeAll(async () => {
  t = await openTestDatabase();
  officer = await makeUser(t.db, { role: "officer", team: "Highways" });
});
afterAll(() => t.close());

const input = (overrides: Partial<OutcomeInput> = {}): OutcomeInput => ({
  title: "New crossings on Mill Lane",
  status: "decision_made",
  statusReason: null,
  progress: 10,
  youSaid: "You asked for **safer crossings**.",
  weDid: "We will build two zebra crossings.",
  nextSteps: [{ text: "Start works", due: "2027-04-01" }],
  team: "Highways",
  version: null,
  ...overrides,
});

async function kindsFor(user: Viewer) {
  await drainOutbox(t.db, outboxHandlers);
  const rows = await t.db
    .selectFrom("notifications")
    .select(["kind", "payload"])
    .where("user_id", "=", user.id)
    .execute();
  return rows.map((r) => [r.kind, (r.payload as { text: string }).text] as const);
}

async function anIssueWithVoices() {
  const issue = await makeIssue(t.db, { title: "Mill Lane crossings" });
  const follower = await makeUser(t.db);
  await follow(t.db, follower, { kind: "issue", id: issue.id });
  const participant = await makeUser(t.db);
  const cited = await makeUser(t.db);
  const threadId = await postThread(
    t.db,
    participant,
    issue.slug,
    { kind: "idea", title: "A zebra crossing by the school", body: "Children cross here." },
    new Date(),
  );
  const citedPost = await postReply(
    t.db,
    cited,
    threadId,
    { body: "Cars go far too fast." },
    new Date(),
  );
  const otherPost = await postReply(
    t.db,
    participant,
    threadId,
    { body: "Please add lights." },
    new Date(),
  );
  const supporter = await makeUser(t.db);
  await supportIdea(t.db, supporter, threadId, new Date());
  await drainOutbox(t.db, outboxHandlers);
  return { issue, follower, participant, cited, supporter, threadId, citedPost, otherPost };
}

describe("outcomes", () => {
  it("are drafted and published by officers only", async () => {
    const { issue } = await anIssueWithVoices();
    const resident = await makeUser(t.db);
    await expect(
      draftOutcome(t.db, resident, issue.slug, input(), [], new Date()),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const id = await draftOutcome(t.db, officer, issue.slug, input(), [], new Date());
    await expect(getOutcome(t.db, resident, id)).rejects.toThrow(/couldn't find/);
    await expect(publishOutcome(t.db, resident, id, new Date())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("on publishing, mark the issue responded, snapshot participation and tell follower, participant and cited author", async () => {
    const v = await anIssueWithVoices();
    const id = await draftOutcome(
      t.db,
      officer,
      v.issue.slug,
      input(),
      [v.citedPost, v.otherPost],
      new Date(),
    );
    expect(await kindsFor(v.follower)).toEqual([["new_thread", expect.any(String)]]);
    const publishedAt = new Date();
    await publishOutcome(t.db, officer, id, publishedAt);
    const issue = await t.db
      .selectFrom("issues")
      .select(["status", "closes_at", "closed_early_at"])
      .where("id", "=", v.issue.id)
      .executeTakeFirstOrThrow();
    expect(issue.status).toBe("responded");
    // Answered while still open: it stopped taking contributions today, not on its closing date.
    expect(issue.closes_at > publishedAt).toBe(true);
    expect(issue.closed_early_at).toEqual(publishedAt);
    const outcome = await getOutcome(t.db, null, id);
    expect(outcome.participation).toEqual({ people: 3, threads: 1, posts: 3, supports: 1 });
    expect(outcome.citations.map((c) => c.post?.authorName)).toEqual([
      v.cited.displayName,
      v.participant.displayName,
    ]);

    const followerNotes = await kindsFor(v.follower);
    expect(followerNotes.at(-1)?.[0]).toBe("outcome");
    expect(followerNotes.at(-1)?.[1]).toMatch(/published “New crossings on Mill Lane”/);
    const participantNotes = await kindsFor(v.participant);
    // The participant was also cited (their other post), so they hear "cited".
    expect(participantNotes.map((n) => n[0])).toContain("cited");
    expect((await kindsFor(v.cited)).map((n) => n[0])).toContain("cited");
    expect((await kindsFor(v.supporter)).map((n) => n[0])).toContain("outcome");

    const citedIn = await citationsOfPosts(t.db, [v.citedPost]);
    expect(citedIn.get(v.citedPost)).toEqual([{ id, title: "New crossings on Mill Lane" }]);
  });

  it("keep every later change as a public revision; status and progress changes notify", async () => {
    const v = await anIssueWithVoices();
    const id = await draftOutcome(t.db, officer, v.issue.slug, input(), [v.citedPost], new Date());
    await publishOutcome(t.db, officer, id, new Date());
    await drainOutbox(t.db, outboxHandlers);
    await updateOutcome(
      t.db,
      officer,
      id,
      input({ status: "in_progress", progress: 40, version: 1 }),
      [v.citedPost],
      new Date(),
    );
    const outcome = await getOutcome(t.db, null, id);
    expect(outcome.revisions.map((r) => r.summary)).toEqual([
      "Status: Decision made → In progress; Progress: 10% → 40%",
      "Published",
    ]);
    expect((await kindsFor(v.follower)).at(-1)?.[1]).toMatch(/Progress on .*In progress, 40% done/);
    await expect(
      updateOutcome(t.db, officer, id, input({ progress: 50, version: 1 }), [], new Date()),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuse to publish citing a contribution that is no longer public, and never leak it", async () => {
    const v = await anIssueWithVoices();
    const id = await draftOutcome(t.db, officer, v.issue.slug, input(), [v.citedPost], new Date());
    await deleteOwnPost(t.db, v.cited, v.citedPost, new Date());
    await expect(publishOutcome(t.db, officer, id, new Date())).rejects.toThrow(/no longer public/);
    // Cited, published, then deleted: shown as no longer available, text not served.
    const second = await draftOutcome(
      t.db,
      officer,
      v.issue.slug,
      input(),
      [v.otherPost],
      new Date(),
    );
    await publishOutcome(t.db, officer, second, new Date());
    await deleteOwnPost(t.db, v.participant, v.otherPost, new Date());
    const outcome = await getOutcome(t.db, null, second);
    expect(outcome.citations).toEqual([{ postId: v.otherPost, post: null }]);
  });

  it("stop naming the idea they are about once its thread is hidden", async () => {
    const v = await anIssueWithVoices();
    const id = await draftOutcome(
      t.db,
      officer,
      v.issue.slug,
      { ...input(), threadId: v.threadId },
      [],
      new Date(),
    );
    await publishOutcome(t.db, officer, id, new Date());
    const before = await getOutcome(t.db, null, id);
    expect(before.thread).toMatchObject({ id: v.threadId });
    const title = (before.thread as { title: string }).title;

    // Residents' flags hide the idea's opening post, and with it the thread.
    const opening = await t.db
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", v.threadId)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) {
      await flagPost(
        t.db,
        await makeUser(t.db),
        opening.id,
        { reason: "spam", note: null },
        new Date(),
      );
    }
    const after = await getOutcome(t.db, null, id);
    expect(after.thread).toBe("unavailable");
    expect(JSON.stringify(after)).not.toContain(title);
  });

  it("list published outcomes newest first, and closed issues awaiting one by due date", async () => {
    const now = new Date();
    const closedLongAgo = await makeIssue(t.db, { closed: true, title: "Closed long ago" });
    await t.db
      .updateTable("issues")
      .set({
        opens_at: new Date(now.getTime() - 130 * 86_400_000),
        closes_at: new Date(now.getTime() - 100 * 86_400_000),
      })
      .where("id", "=", closedLongAgo.id)
      .execute();
    const { issues: awaiting } = await listAwaitingOutcome(t.db, now, 12);
    const found = awaiting.find((a) => a.slug === closedLongAgo.slug);
    expect(found?.overdue).toBe(true);
    const { outcomes } = await listOutcomes(t.db, {});
    expect(outcomes.length).toBeGreaterThan(0);
    const dates = outcomes.map((o) => o.publishedAt.getTime());
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });
});

describe("the officers' list of consultations awaiting an outcome", () => {
  it("pages through every one, soonest closed first, none twice", async () => {
    const now = new Date();
    const made: string[] = [];
    for (let i = 0; i < AWAITING_PER_PAGE + 1; i++)
      made.push((await makeIssue(t.db, { closed: true, title: `Awaiting ${i}` })).slug);
    const seen: string[] = [];
    let pages = 0;
    let after: string | null = null;
    do {
      const page = await listAwaitingOutcome(t.db, now, 12, after);
      seen.push(...page.issues.map((issue) => issue.slug));
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(made));
  });
});

describe("outcome feeds", () => {
  it.each(["rss", "atom"] as const)(
    "parse as valid %s with a real feed parser",
    async (format: FeedFormat) => {
      const { outcomes } = await listOutcomes(t.db, {});
      const xml = renderOutcomesFeed(
        [...outcomes, { ...outcomes[0]!, id: 999, title: "Tricky <b>title</b> & “quotes”" }],
        {
          title: "You said, we did",
          description: "Outcomes",
          origin: "https://parley.example",
          pagePath: "/outcomes",
          feedPath: (f) => `/feeds/outcomes/${f}`,
          format,
        },
      );
      const feed = await new Parser().parseString(xml);
      expect(feed.title).toBe("You said, we did");
      expect(feed.items.length).toBe(outcomes.length + 1);
      expect(feed.items.map((i) => i.title)).toContain("Tricky <b>title</b> & “quotes”");
      expect(feed.items[0]?.link).toMatch(/^https:\/\/parley\.example\/outcomes\/\d+$/);
      if (format === "rss") expect(xml).toMatch(/<rss version="2.0"/);
      else expect(xml).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    },
  );
});
