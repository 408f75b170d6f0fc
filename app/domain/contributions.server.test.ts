import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { ForbiddenError, NotFoundError } from "./errors";
import { listPostsInThread, POSTS_PER_PAGE } from "./posts.server";
import { getThread, listThreadsForIssue } from "./threads.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const idea = {
  kind: "idea" as const,
  title: "Plant trees on Mill Lane",
  body: "Shade and <b>less</b> noise.",
};

describe("starting threads and replying", () => {
  it("starts a thread with its opening post and lists it on the issue", async () => {
    const issue = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    const threadId = await postThread(t.db, resident, issue.slug, idea, new Date());

    const { threads } = await listThreadsForIssue(t.db, issue.id, { sort: "recent", after: null });
    expect(threads.map((th) => th.title)).toEqual(["Plant trees on Mill Lane"]);
    const { posts } = await listPostsInThread(t.db, threadId);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.bodyHtml).toBe("<p>Shade and less noise.</p>\n");
    expect(posts[0]?.isStaff).toBe(false);
  });

  it("marks officers' posts as staff", async () => {
    const issue = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    const officer = await makeUser(t.db, { role: "officer", team: "Parks" });
    const threadId = await postThread(
      t.db,
      resident,
      issue.slug,
      { ...idea, kind: "question" },
      new Date(),
    );
    await postReply(t.db, officer, threadId, { body: "We will look at it." }, new Date());
    const { posts } = await listPostsInThread(t.db, threadId);
    expect(posts.map((p) => [p.isStaff, p.authorTeam])).toEqual([
      [false, null],
      [true, "Parks"],
    ]);
  });

  it("counts replies and moves the thread to the top of its issue", async () => {
    const issue = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    const older = await postThread(
      t.db,
      resident,
      issue.slug,
      { ...idea, title: "First thread" },
      new Date(Date.now() - 60_000),
    );
    await postThread(
      t.db,
      resident,
      issue.slug,
      { ...idea, title: "Second thread", body: "A different idea." },
      new Date(Date.now() - 30_000),
    );
    await postReply(t.db, resident, older, { body: "Bump with news." }, new Date());

    const { threads } = await listThreadsForIssue(t.db, issue.id, { sort: "recent", after: null });
    expect(threads.map((th) => [th.title, th.replyCount])).toEqual([
      ["First thread", 1],
      ["Second thread", 0],
    ]);
  });

  it("counts 20 concurrent replies to one thread without deadlocking", async () => {
    const issue = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    const threadId = await postThread(t.db, resident, issue.slug, idea, new Date());
    // Twenty people at once: one person posting twenty times would be held for flooding.
    const repliers = await Promise.all(Array.from({ length: 20 }, () => makeUser(t.db)));
    await Promise.all(
      repliers.map((replier, i) =>
        postReply(t.db, replier, threadId, { body: `Reply ${i}` }, new Date()),
      ),
    );
    const thread = await t.db
      .selectFrom("threads")
      .select("reply_count")
      .where("id", "=", threadId)
      .executeTakeFirstOrThrow();
    expect(thread.reply_count).toBe(20);
  });

  it("refuses a thread or a reply once the issue has closed, saying when it closed", async () => {
    const open = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    const threadId = await postThread(t.db, resident, open.slug, idea, new Date());
    await t.db
      .updateTable("issues")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", open.id)
      .execute();

    await expect(postThread(t.db, resident, open.slug, idea, new Date())).rejects.toThrow(
      /closed on/,
    );
    await expect(
      postReply(t.db, resident, threadId, { body: "Too late?" }, new Date()),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const { posts } = await listPostsInThread(t.db, threadId);
    expect(posts).toHaveLength(1);
  });

  it("refuses threads on a draft issue", async () => {
    const draft = await makeIssue(t.db, { status: "draft" });
    const resident = await makeUser(t.db);
    await expect(postThread(t.db, resident, draft.slug, idea, new Date())).rejects.toThrow(
      /not been published/,
    );
  });

  it("refuses a suspended resident with the date, and a banned one", async () => {
    const issue = await makeIssue(t.db);
    const suspended = await makeUser(t.db, { suspendedUntil: new Date("2099-03-01T12:00:00Z") });
    const banned = await makeUser(t.db, { bannedAt: new Date() });
    await expect(postThread(t.db, suspended, issue.slug, idea, new Date())).rejects.toThrow(
      /suspended until 1 March 2099/,
    );
    await expect(postThread(t.db, banned, issue.slug, idea, new Date())).rejects.toThrow(/banned/);
  });

  it("says a thread that does not exist is not found", async () => {
    const resident = await makeUser(t.db);
    await expect(
      postReply(t.db, resident, 999_999, { body: "Hello" }, new Date()),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getThread(t.db, 999_999, null)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("hides threads of draft issues from the public but not from officers", async () => {
    const issue = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    const officer = await makeUser(t.db, { role: "officer" });
    const threadId = await postThread(t.db, resident, issue.slug, idea, new Date());
    await t.db.updateTable("issues").set({ status: "draft" }).where("id", "=", issue.id).execute();
    await expect(getThread(t.db, threadId, resident)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getThread(t.db, threadId, officer)).resolves.toMatchObject({ id: threadId });
  });
});

describe("pagination", () => {
  it("pages through a long thread oldest first without gaps or repeats", async () => {
    const issue = await makeIssue(t.db);
    // Staff are never held for flooding, so one account can write the whole thread.
    const resident = await makeUser(t.db, { role: "officer" });
    const threadId = await postThread(t.db, resident, issue.slug, idea, new Date());
    for (let i = 1; i <= 120; i++) {
      await postReply(t.db, resident, threadId, { body: `Reply ${i}` }, new Date());
    }
    const seen: number[] = [];
    let after: number | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listPostsInThread>> = await listPostsInThread(
        t.db,
        threadId,
        { after },
      );
      expect(page.posts.length).toBeLessThanOrEqual(POSTS_PER_PAGE);
      seen.push(...page.posts.map((p) => p.id));
      after = page.nextAfterId;
      pages++;
    } while (after !== null);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(121);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe("a thread of 2,000 posts", () => {
  it("pages forwards and backwards from any post, with nothing missed or repeated", async () => {
    const issue = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    const threadId = await postThread(t.db, resident, issue.slug, idea, new Date());
    await t.db
      .insertInto("posts")
      .values(
        Array.from({ length: 1_999 }, (_, i) => ({
          thread_id: threadId,
          author_id: resident.id,
          body_md: `Reply ${i + 1}`,
          body_html: `<p>Reply ${i + 1}</p>`,
        })),
      )
      .execute();

    const forwards: number[] = [];
    let after: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof listPostsInThread>> = await listPostsInThread(
        t.db,
        threadId,
        { after },
      );
      forwards.push(...page.posts.map((p) => p.id));
      after = page.nextAfterId;
    } while (after !== null);
    expect(forwards).toHaveLength(2_000);
    expect(new Set(forwards).size).toBe(2_000);

    // A permalink to post 1,500 starts its page there, and can go back.
    const target = forwards[1_499]!;
    const linked = await listPostsInThread(t.db, threadId, { after: target - 1 });
    expect(linked.posts[0]?.id).toBe(target);
    expect(linked.previousBeforeId).toBe(target);
    const back = await listPostsInThread(t.db, threadId, { before: target });
    expect(back.posts.map((p) => p.id)).toEqual(forwards.slice(1_499 - POSTS_PER_PAGE, 1_499));
    expect(back.nextAfterId).toBe(forwards[1_498]);

    // The first page has nowhere earlier to go.
    const first = await listPostsInThread(t.db, threadId, { after: null });
    expect(first.previousBeforeId).toBeNull();
  });
});
