import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { outboxHandlers } from "../jobs/handlers.server";
import { enqueueDueIssueEvents } from "../jobs/issue-schedule.server";
import { drainOutbox, type OutboxHandlers } from "../jobs/outbox-worker.server";
import { markOfficialAnswer } from "./answers.server";
import { hashPassword } from "../passwords.server";
import { deleteAccount } from "./account-deletion.server";
import { follow } from "./follows.server";
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
  renderNotifications,
  setEnabledKinds,
  UNAVAILABLE_NOTIFICATION,
} from "./notifications.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const drain = () => drainOutbox(t.db, outboxHandlers);

/** Each notification's kind and text, as its recipient reads them now. */
async function kindsFor(userId: number) {
  const rows = await t.db
    .selectFrom("notifications")
    .innerJoin("users", "users.id", "notifications.user_id")
    .select(["kind", "payload", "user_id", "users.role as recipient_role"])
    .where("user_id", "=", userId)
    .orderBy("notifications.id")
    .execute();
  return (await renderNotifications(t.db, rows)).map((r) => [r.kind, r.text]);
}

describe("notifications name people and titles as they are now", () => {
  it("names a replier who has since deleted their account as a former participant", async () => {
    const issue = await makeIssue(t.db);
    const starter = await makeUser(t.db);
    const replier = await makeUser(t.db);
    const threadId = await postThread(
      t.db,
      starter,
      issue.slug,
      { kind: "discussion", title: "Bus shelter on Hill Road", body: "It leaks." },
      new Date(),
    );
    await postReply(t.db, replier, threadId, { body: "It does, badly." }, new Date());
    await drain();
    expect(await kindsFor(starter.id)).toEqual([
      ["reply", `${replier.displayName} replied in “Bus shelter on Hill Road”`],
    ]);
    const password = "notification-delete-password";
    await t.db
      .updateTable("users")
      .set({ password_hash: await hashPassword(password) })
      .where("id", "=", replier.id)
      .execute();
    await deleteAccount(t.db, { userId: replier.id, password, contributions: "keep" }, new Date());
    const after = await kindsFor(starter.id);
    expect(after).toEqual([["reply", "Former participant replied in “Bus shelter on Hill Road”"]]);
    expect(JSON.stringify(await listNotifications(t.db, starter, null))).not.toContain(
      replier.displayName,
    );
  });

  it("stops showing a thread's title once the thread is hidden, except to its author", async () => {
    const issue = await makeIssue(t.db);
    const follower = await makeUser(t.db);
    const author = await makeUser(t.db);
    await follow(t.db, follower, { kind: "issue", id: issue.id });
    const threadId = await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "idea", title: "Rename the park after me", body: "Please" },
      new Date(),
    );
    await drain();
    expect((await kindsFor(follower.id))[0]?.[1]).toContain("Rename the park after me");
    await t.db
      .updateTable("threads")
      .set({ status: "hidden" })
      .where("id", "=", threadId)
      .execute();
    expect(await kindsFor(follower.id)).toEqual([["new_thread", UNAVAILABLE_NOTIFICATION.text]]);
  });
});

describe("notification fan-out", () => {
  it("tells issue followers about a new thread, but not its author", async () => {
    const issue = await makeIssue(t.db, { title: "Mill Lane potholes" });
    const follower = await makeUser(t.db);
    const author = await makeUser(t.db);
    await follow(t.db, follower, { kind: "issue", id: issue.id });
    await follow(t.db, author, { kind: "issue", id: issue.id });
    await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "idea", title: "Fill them in", body: "Please" },
      new Date(),
    );
    expect(await kindsFor(follower.id)).toEqual([]); // nothing happens before the worker runs
    await drain();
    expect(await kindsFor(follower.id)).toEqual([
      ["new_thread", `${author.displayName} started “Fill them in” in Mill Lane potholes`],
    ]);
    expect(await kindsFor(author.id)).toEqual([]);
  });

  it("tells a thread's starter about replies, and follows the thread for the replier", async () => {
    const issue = await makeIssue(t.db);
    const starter = await makeUser(t.db);
    const replier = await makeUser(t.db);
    const threadId = await postThread(
      t.db,
      starter,
      issue.slug,
      { kind: "discussion", title: "Bins", body: "x" },
      new Date(),
    );
    await postReply(t.db, replier, threadId, { body: "Agreed" }, new Date());
    await postReply(t.db, starter, threadId, { body: "Thanks" }, new Date());
    await drain();
    expect(await kindsFor(starter.id)).toEqual([
      ["reply", `${replier.displayName} replied in “Bins”`],
    ]);
    const follows = await t.db
      .selectFrom("thread_follows")
      .select("user_id")
      .where("thread_id", "=", threadId)
      .execute();
    expect(follows.map((f) => f.user_id).sort()).toEqual([starter.id, replier.id].sort());
  });

  it("tells the asker and the thread's followers about an official answer", async () => {
    const issue = await makeIssue(t.db);
    const asker = await makeUser(t.db);
    const onlooker = await makeUser(t.db);
    const officer = await makeUser(t.db, { role: "officer" });
    const threadId = await postThread(
      t.db,
      asker,
      issue.slug,
      { kind: "question", title: "Bus stop?", body: "?" },
      new Date(),
    );
    await follow(t.db, onlooker, { kind: "thread", id: threadId });
    const answer = await postReply(t.db, officer, threadId, { body: "Station Road." }, new Date());
    await markOfficialAnswer(t.db, officer, threadId, answer);
    await markOfficialAnswer(t.db, officer, threadId, answer); // again: no second event
    await drain();
    expect(await kindsFor(onlooker.id)).toEqual([
      ["official_answer", "The council answered “Bus stop?”"],
    ]);
    expect((await kindsFor(asker.id)).map(([kind]) => kind)).toEqual(["reply", "official_answer"]);
    expect(await kindsFor(officer.id)).toEqual([]);
  });

  it("respects a person's switched-off kinds", async () => {
    const issue = await makeIssue(t.db);
    const quiet = await makeUser(t.db);
    await follow(t.db, quiet, { kind: "issue", id: issue.id });
    await setEnabledKinds(t.db, quiet, ["reply", "official_answer"]);
    await postThread(
      t.db,
      await makeUser(t.db),
      issue.slug,
      { kind: "idea", title: "Shh", body: "x" },
      new Date(),
    );
    await drain();
    expect(await kindsFor(quiet.id)).toEqual([]);
  });
});

describe("the outbox worker", () => {
  it("survives a crash mid fan-out: nothing half done, then delivered exactly once", async () => {
    const issue = await makeIssue(t.db);
    const followers = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
    for (const f of followers) await follow(t.db, f, { kind: "issue", id: issue.id });
    await drain(); // clear events from other tests
    await postThread(
      t.db,
      await makeUser(t.db),
      issue.slug,
      { kind: "idea", title: "Crash test", body: "x" },
      new Date(),
    );

    const crashing: OutboxHandlers = {
      ...outboxHandlers,
      "thread.started": async (trx, payload, event) => {
        await outboxHandlers["thread.started"](trx, payload, event);
        throw new Error("worker died mid fan-out");
      },
    };
    const now = new Date();
    // The thread's search event (a no-op with search off) succeeds; the fan-out dies.
    expect(await drainOutbox(t.db, crashing, { now: () => now })).toEqual({ done: 1, failed: 1 });
    const ids = followers.map((f) => f.id);
    const count = async () =>
      (
        await t.db
          .selectFrom("notifications")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("user_id", "in", ids)
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count()).toBe(0);
    const event = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("done_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      topic: "thread.started",
      attempts: 1,
      last_error: "worker died mid fan-out",
    });
    expect(event.run_after.getTime()).toBe(now.getTime() + 5_000);

    // Not due yet: a retry waits for its backoff.
    expect(await drainOutbox(t.db, outboxHandlers, { now: () => now })).toEqual({
      done: 0,
      failed: 0,
    });
    const later = new Date(now.getTime() + 6_000);
    expect(await drainOutbox(t.db, outboxHandlers, { now: () => later })).toEqual({
      done: 1,
      failed: 0,
    });
    expect(await count()).toBe(3);
    expect(await drainOutbox(t.db, outboxHandlers, { now: () => later })).toEqual({
      done: 0,
      failed: 0,
    });
    expect(await count()).toBe(3);
  });

  it("lets two workers drain side by side without doing any event twice", async () => {
    await drain();
    const issue = await makeIssue(t.db);
    const follower = await makeUser(t.db);
    await follow(t.db, follower, { kind: "issue", id: issue.id });
    // Staff, so thirty threads in a row are not held for flooding.
    const author = await makeUser(t.db, { role: "officer" });
    for (let i = 0; i < 30; i++) {
      await postThread(
        t.db,
        author,
        issue.slug,
        { kind: "discussion", title: `Thread number ${i}`, body: "x" },
        new Date(),
      );
    }
    const [a, b] = await Promise.all([drain(), drain()]);
    // Each thread made two events: the new-thread fan-out and its search sync.
    expect(a.done + b.done).toBe(60);
    expect(a.failed + b.failed).toBe(0);
    expect(await countUnread(t.db, follower.id)).toBe(30);
  });
});

describe("scheduled issue events", () => {
  it("announces 'now open' once when an upcoming issue opens, and re-indexes it", async () => {
    const issue = await makeIssue(t.db, { title: "Opening soon issue" });
    const follower = await makeUser(t.db);
    await follow(t.db, follower, { kind: "issue", id: issue.id });
    const now = new Date();
    await t.db
      .updateTable("issues")
      .set({ opens_at: new Date(now.getTime() + 3_600_000), opened_sent_at: null })
      .where("id", "=", issue.id)
      .execute();
    expect((await enqueueDueIssueEvents(t.db, now)).opened).toBe(0);
    const later = new Date(now.getTime() + 2 * 3_600_000);
    expect((await enqueueDueIssueEvents(t.db, later)).opened).toBeGreaterThanOrEqual(1);
    expect((await enqueueDueIssueEvents(t.db, later)).opened).toBe(0);
    const sync = await t.db
      .selectFrom("outbox")
      .select("payload")
      .where("topic", "=", "search.sync")
      .where("done_at", "is", null)
      .execute();
    expect(sync.map((row) => row.payload)).toContainEqual({ kind: "issue", id: issue.id });
    await drainOutbox(t.db, outboxHandlers, { now: () => later });
    expect(await kindsFor(follower.id)).toEqual([
      ["issue_status", "“Opening soon issue” is now open for comments"],
    ]);
  });

  it("announces 'closing within 48 hours' and 'closed' once each", async () => {
    const issue = await makeIssue(t.db, { title: "Closing soon issue" });
    const follower = await makeUser(t.db);
    await follow(t.db, follower, { kind: "issue", id: issue.id });
    const now = new Date();
    await t.db
      .updateTable("issues")
      .set({ closes_at: new Date(now.getTime() + 24 * 3_600_000) })
      .where("id", "=", issue.id)
      .execute();

    expect((await enqueueDueIssueEvents(t.db, now)).closingSoon).toBeGreaterThanOrEqual(1);
    expect((await enqueueDueIssueEvents(t.db, now)).closingSoon).toBe(0);
    const inADay = new Date(now.getTime() + 25 * 3_600_000);
    expect((await enqueueDueIssueEvents(t.db, inADay)).closed).toBeGreaterThanOrEqual(1);
    expect((await enqueueDueIssueEvents(t.db, inADay)).closed).toBe(0);
    await drainOutbox(t.db, outboxHandlers, { now: () => inADay });
    expect(await kindsFor(follower.id)).toEqual([
      ["closing_soon", "“Closing soon issue” closes for comments within 48 hours"],
      ["issue_status", "“Closing soon issue” has closed for comments"],
    ]);
  });
});

describe("reading notifications", () => {
  it("counts unread, marks one or all read, and never touches someone else's", async () => {
    const issue = await makeIssue(t.db);
    const me = await makeUser(t.db);
    const other = await makeUser(t.db);
    for (const u of [me, other]) await follow(t.db, u, { kind: "issue", id: issue.id });
    const author = await makeUser(t.db);
    await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "idea", title: "One", body: "x" },
      new Date(),
    );
    await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "idea", title: "Two", body: "x" },
      new Date(),
    );
    await drain();
    expect(await countUnread(t.db, me.id)).toBe(2);
    const { notifications } = await listNotifications(t.db, me, null);
    expect(notifications.map((n) => n.text)).toEqual([
      `${author.displayName} started “Two” in Issue ${issue.slug}`,
      `${author.displayName} started “One” in Issue ${issue.slug}`,
    ]);
    const theirs = await listNotifications(t.db, other, null);
    await markRead(t.db, me, theirs.notifications[0]!.id, new Date());
    expect(await countUnread(t.db, other.id)).toBe(2);
    await markRead(t.db, me, notifications[0]!.id, new Date());
    expect(await countUnread(t.db, me.id)).toBe(1);
    await markAllRead(t.db, me, new Date());
    expect(await countUnread(t.db, me.id)).toBe(0);
  });
});
