import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import type { Viewer } from "../auth.server";
import { outboxHandlers } from "../jobs/handlers.server";
import { drainOutbox } from "../jobs/outbox-worker.server";
import { searchAuditLog } from "./audit-log.server";
import { ConflictError, ForbiddenError } from "./errors";
import { flagPost } from "./flags.server";
import { addHouseRule } from "./house-rules.server";
import { countParticipation } from "./issue-participation.server";
import {
  claimItem,
  decideItem,
  decideItemsInBulk,
  type Decision,
} from "./moderation-decisions.server";
import { countOpenItems, getItem, listQueue } from "./moderation-queue.server";
import { updateModerationSettings } from "./moderation-settings.server";
import { deleteOwnPost, editPost } from "./post-edits.server";
import { appealDecision, getPostReview } from "./post-reviews.server";
import { listPostsInThread, replyToThread } from "./posts.server";
import { listProfilePosts } from "./profiles.server";
import { sanctionUser } from "./sanctions.server";
import { supportIdea } from "./supports.server";
import { getThread, listThreadsForIssue, startThread } from "./threads.server";

let t: TestDatabase;
let admin: Viewer;
let moderator: Viewer;
let secondModerator: Viewer;
let ruleId: number;

beforeAll(async () => {
  t = await openTestDatabase();
  admin = await makeUser(t.db, { role: "admin" });
  moderator = await makeUser(t.db, { role: "moderator" });
  secondModerator = await makeUser(t.db, { role: "moderator" });
  ruleId = await addHouseRule(
    t.db,
    admin,
    { title: "Be respectful", body: "Criticise ideas, not people." },
    new Date(),
  );
});
afterAll(() => t.close());

const drain = () => drainOutbox(t.db, outboxHandlers);

async function notificationsOf(user: Viewer) {
  await drain();
  return t.db
    .selectFrom("notifications")
    .select(["kind", "payload"])
    .where("user_id", "=", user.id)
    .orderBy("id")
    .execute();
}

async function aThread() {
  const issue = await makeIssue(t.db);
  const starter = await makeUser(t.db);
  const threadId = await postThread(
    t.db,
    starter,
    issue.slug,
    { kind: "discussion", title: "Lighting on the towpath", body: "It is very dark after 5pm." },
    new Date(),
  );
  await drain();
  return { issue, starter, threadId };
}

async function openItemFor(postId: number) {
  return t.db
    .selectFrom("moderation_items")
    .selectAll()
    .where("post_id", "=", postId)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
}

/** A moderator decides the open item of a post, at the version it has now. */
async function decide(postId: number, decision: Decision, by: Viewer = moderator) {
  const item = await openItemFor(postId);
  return decideItem(t.db, by, item.id, item.version, decision, new Date());
}

async function visibleIds(threadId: number, viewer: Viewer | null) {
  const page = await listPostsInThread(t.db, threadId, { after: null }, viewer);
  return page.posts.map((p) => p.id);
}

async function replyCount(threadId: number) {
  const row = await t.db
    .selectFrom("threads")
    .select("reply_count")
    .where("id", "=", threadId)
    .executeTakeFirstOrThrow();
  return row.reply_count;
}

describe("a new resident's posts", () => {
  it("are held, seen only by their author and moderators, and never counted or announced", async () => {
    const { issue, starter, threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const other = await makeUser(t.db);
    const outcome = await replyToThread(
      t.db,
      newcomer,
      threadId,
      { body: "The lamps by the lock are broken too." },
      new Date(),
    );
    expect(outcome.held).toBe(true);

    expect(await visibleIds(threadId, other)).not.toContain(outcome.postId);
    expect(await visibleIds(threadId, null)).not.toContain(outcome.postId);
    expect(await visibleIds(threadId, newcomer)).toContain(outcome.postId);
    expect(await visibleIds(threadId, moderator)).toContain(outcome.postId);
    expect(await replyCount(threadId)).toBe(0);
    expect((await countParticipation(t.db, issue.id)).posts).toBe(1);
    expect((await listProfilePosts(t.db, newcomer.id, null)).posts).toHaveLength(0);
    expect(await notificationsOf(starter)).toEqual([]);

    const item = await openItemFor(outcome.postId);
    expect(item.source).toBe("rule");
    expect(item.reasons).toEqual(["new_account"]);
    const review = await getPostReview(t.db, newcomer, outcome.postId);
    expect(review.moderation.state).toEqual({
      kind: "awaiting",
      explanations: [expect.stringMatching(/first few posts are checked/)],
    });
  });

  it("appear, with their notices, once a moderator approves them", async () => {
    const { starter, threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const { postId } = await replyToThread(
      t.db,
      newcomer,
      threadId,
      { body: "Could the council add solar lamps?" },
      new Date(),
    );
    await decide(postId, { intent: "approve", note: null });

    expect(await visibleIds(threadId, null)).toContain(postId);
    expect(await replyCount(threadId)).toBe(1);
    const starterNotes = await notificationsOf(starter);
    expect(starterNotes.map((n) => n.kind)).toEqual(["reply"]);
    const authorNotes = await notificationsOf(newcomer);
    expect(authorNotes).toHaveLength(1);
    expect(authorNotes[0]?.kind).toBe("moderation");
    expect(JSON.stringify(authorNotes[0]?.payload)).toMatch(/approved and is now public/);
  });

  it("hold a whole new thread until approval, then tell the issue's followers", async () => {
    const issue = await makeIssue(t.db);
    const follower = await makeUser(t.db);
    await t.db
      .insertInto("issue_follows")
      .values({ user_id: follower.id, issue_id: issue.id })
      .execute();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const started = await startThread(
      t.db,
      newcomer,
      issue.slug,
      { kind: "idea", title: "A night bus to the hospital", body: "Shift workers need it." },
      new Date(),
    );
    expect(started.held).toBe(true);
    const listed = async () =>
      (await listThreadsForIssue(t.db, issue.id, { sort: "recent", after: null })).threads.map(
        (th) => th.id,
      );
    expect(await listed()).not.toContain(started.threadId);
    await expect(getThread(t.db, started.threadId, follower)).rejects.toThrow(/couldn't find/);
    await expect(supportIdea(t.db, follower, started.threadId, new Date())).rejects.toThrow();
    expect(await notificationsOf(follower)).toEqual([]);

    await decide(started.postId, { intent: "approve", note: null });
    expect(await listed()).toContain(started.threadId);
    expect((await notificationsOf(follower)).map((n) => n.kind)).toEqual(["new_thread"]);
  });

  it("stop being held once the account has three approved posts", async () => {
    const { threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    for (const body of ["First thoughts.", "Second thoughts.", "Third thoughts."]) {
      const { postId, held } = await replyToThread(t.db, newcomer, threadId, { body }, new Date());
      expect(held).toBe(true);
      await decide(postId, { intent: "approve", note: null });
    }
    const fourth = await replyToThread(t.db, newcomer, threadId, { body: "Fourth." }, new Date());
    expect(fourth.held).toBe(false);
  });

  it("leave the queue when their author deletes them", async () => {
    const { threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const { postId } = await replyToThread(t.db, newcomer, threadId, { body: "Oops." }, new Date());
    await deleteOwnPost(t.db, newcomer, postId, new Date());
    const items = await t.db
      .selectFrom("moderation_items")
      .select("status")
      .where("post_id", "=", postId)
      .execute();
    expect(items.map((i) => i.status)).toEqual(["withdrawn"]);
  });
});

describe("held, hidden and rejected content", () => {
  it("never shows on thread pages, in issue counts, on profiles or in notifications", async () => {
    const { issue, starter, threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const regular = await makeUser(t.db);
    const held = await replyToThread(t.db, newcomer, threadId, { body: "Held words." }, new Date());
    const rejected = await replyToThread(
      t.db,
      newcomer,
      threadId,
      { body: "Rejected words." },
      new Date(),
    );
    await decide(rejected.postId, { intent: "reject", houseRuleId: ruleId, note: null });
    const hiddenId = await postReply(
      t.db,
      regular,
      threadId,
      { body: "Hidden words." },
      new Date(),
    );
    await drain();
    const notificationsBefore = (await notificationsOf(starter)).length;
    const flag = await flagPost(
      t.db,
      await makeUser(t.db),
      hiddenId,
      { reason: "spam", note: null },
      new Date(),
    );
    expect(flag.hidden).toBe(false);
    await decide(hiddenId, { intent: "hide", houseRuleId: ruleId, note: null });
    const outOfView = [held.postId, rejected.postId, hiddenId];

    for (const viewer of [null, starter, await makeUser(t.db)]) {
      const shown = await visibleIds(threadId, viewer);
      for (const id of outOfView) expect(shown).not.toContain(id);
    }
    expect(await replyCount(threadId)).toBe(0);
    expect(await countParticipation(t.db, issue.id)).toMatchObject({
      threads: 1,
      posts: 1,
      people: 1,
    });
    expect((await listProfilePosts(t.db, newcomer.id, null)).posts).toEqual([]);
    expect((await listProfilePosts(t.db, regular.id, null)).posts).toEqual([]);
    const notes = await notificationsOf(starter);
    expect(notes).toHaveLength(notificationsBefore);
    expect(JSON.stringify(notes)).not.toMatch(/Held words|Rejected words|Hidden words/);
    // Each author still sees their own, marked, with the reason.
    expect(await visibleIds(threadId, newcomer)).toEqual(
      expect.arrayContaining([held.postId, rejected.postId]),
    );
    expect(await visibleIds(threadId, regular)).toContain(hiddenId);
  });
});

describe("the rules, configured by admins", () => {
  it("hold a post with a blocked term once an admin adds it, and audit the change", async () => {
    const { threadId } = await aThread();
    const resident = await makeUser(t.db);
    const settings = {
      newAccountPostsHeld: 3,
      maxLinksByTrust: [1, 3, 8, 20],
      blockedTerms: ["towpath troll"],
      floodPosts: 5,
      floodMinutes: 10,
      duplicateMinutes: 60,
      shoutingMinLetters: 24,
      shoutingRatio: 0.7,
      flagHideThreshold: 3,
      unverifiedMayPost: false,
    };
    await updateModerationSettings(t.db, admin, settings, new Date());
    const { held, postId } = await replyToThread(
      t.db,
      resident,
      threadId,
      { body: "Only a Towpath Tröll would say that." },
      new Date(),
    );
    expect(held).toBe(true);
    expect((await openItemFor(postId)).reasons).toEqual(["blocked_term"]);
    const audit = await searchAuditLog(t.db, moderator, { action: "update_settings" });
    expect(audit.rows[0]?.after).toMatch(/towpath troll/);
    expect(audit.rows[0]?.before).toMatch(/"blockedTerms": \[\]/);
    await expect(
      updateModerationSettings(t.db, moderator, { ...settings, blockedTerms: [] }, new Date()),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuse the same words twice in a row with a 409 that says why", async () => {
    const { threadId } = await aThread();
    const resident = await makeUser(t.db);
    await postReply(t.db, resident, threadId, { body: "Please fix the gate." }, new Date());
    const again = replyToThread(
      t.db,
      resident,
      threadId,
      { body: "please fix the GATE." },
      new Date(),
    );
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toThrow(/same words/);
  });
});

describe("flags", () => {
  it("hide a post once three residents flag it, and tell the author and, later, the flaggers", async () => {
    const { threadId } = await aThread();
    const author = await makeUser(t.db);
    const postId = await postReply(
      t.db,
      author,
      threadId,
      { body: "You are all idiots." },
      new Date(),
    );
    expect(await replyCount(threadId)).toBe(1);
    const flaggers = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];

    expect(
      (await flagPost(t.db, flaggers[0]!, postId, { reason: "abusive", note: null }, new Date()))
        .hidden,
    ).toBe(false);
    await expect(
      flagPost(t.db, flaggers[0]!, postId, { reason: "spam", note: null }, new Date()),
    ).rejects.toThrow(/already flagged/);
    expect(
      (await flagPost(t.db, flaggers[1]!, postId, { reason: "abusive", note: null }, new Date()))
        .hidden,
    ).toBe(false);
    expect(await visibleIds(threadId, null)).toContain(postId);
    expect(
      (await flagPost(t.db, flaggers[2]!, postId, { reason: "other", note: "Rude" }, new Date()))
        .hidden,
    ).toBe(true);

    expect(await visibleIds(threadId, null)).not.toContain(postId);
    expect(await visibleIds(threadId, author)).toContain(postId);
    expect(await replyCount(threadId)).toBe(0);
    const item = await openItemFor(postId);
    expect(item.auto_hidden).toBe(true);
    expect(item.flag_score).toBe(3);
    expect([...item.reasons].sort()).toEqual(["abusive", "other"]);
    expect(JSON.stringify(await notificationsOf(author))).toMatch(
      /hidden after several residents flagged it/,
    );

    await decideItem(
      t.db,
      moderator,
      item.id,
      item.version,
      { intent: "hide", houseRuleId: ruleId, note: null },
      new Date(),
    );
    for (const flagger of flaggers) {
      const notes = await notificationsOf(flagger);
      expect(notes.map((n) => n.kind)).toEqual(["flag_resolved"]);
      expect(JSON.stringify(notes[0]?.payload)).toMatch(/agreed and hid it/);
    }
    expect(JSON.stringify(await notificationsOf(author))).toMatch(/Be respectful/);
  });

  it("restore an auto-hidden post when a moderator dismisses the flags, without re-announcing it", async () => {
    const { starter, threadId } = await aThread();
    const author = await makeUser(t.db);
    const postId = await postReply(
      t.db,
      author,
      threadId,
      { body: "Unpopular but fair." },
      new Date(),
    );
    for (let i = 0; i < 3; i++) {
      await flagPost(
        t.db,
        await makeUser(t.db),
        postId,
        { reason: "off_topic", note: null },
        new Date(),
      );
    }
    const before = (await notificationsOf(starter)).length;
    await decide(postId, { intent: "ignore", note: null });
    expect(await visibleIds(threadId, null)).toContain(postId);
    expect(await replyCount(threadId)).toBe(1);
    expect(await notificationsOf(starter)).toHaveLength(before);
  });
});

describe("two moderators", () => {
  it("the second to act on one item is told who already handled it", async () => {
    const { threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const { postId } = await replyToThread(
      t.db,
      newcomer,
      threadId,
      { body: "Hello all." },
      new Date(),
    );
    const item = await openItemFor(postId);
    await decide(postId, { intent: "approve", note: null });
    const late = decideItem(
      t.db,
      secondModerator,
      item.id,
      item.version,
      { intent: "reject", houseRuleId: ruleId, note: null },
      new Date(),
    );
    await expect(late).rejects.toBeInstanceOf(ConflictError);
    await expect(late).rejects.toThrow(`Already handled by ${moderator.displayName}: approved.`);
  });

  it("of whom one has claimed an item: the other is told who is working on it", async () => {
    const { threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const { postId } = await replyToThread(t.db, newcomer, threadId, { body: "Hi." }, new Date());
    const item = await openItemFor(postId);
    await claimItem(t.db, moderator, item.id, item.version, new Date());
    await expect(
      decideItem(
        t.db,
        secondModerator,
        item.id,
        item.version + 1,
        { intent: "approve", note: null },
        new Date(),
      ),
    ).rejects.toThrow(`${moderator.displayName} is working on this item`);
  });

  it("bulk approval reports items already handled instead of failing", async () => {
    const { threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const a = await replyToThread(t.db, newcomer, threadId, { body: "One." }, new Date());
    const b = await replyToThread(t.db, newcomer, threadId, { body: "Two." }, new Date());
    const [itemA, itemB] = [await openItemFor(a.postId), await openItemFor(b.postId)];
    await decideItem(
      t.db,
      secondModerator,
      itemB.id,
      itemB.version,
      { intent: "approve", note: null },
      new Date(),
    );
    const result = await decideItemsInBulk(
      t.db,
      moderator,
      [
        { id: itemA.id, version: itemA.version },
        { id: itemB.id, version: itemB.version },
      ],
      { intent: "approve" },
      new Date(),
    );
    expect(result.done).toBe(1);
    expect(result.refused[0]).toMatch(/Already handled/);
  });
});

describe("rejection and appeal", () => {
  it("tells the author the rule, takes one appeal, and lets only another moderator decide it", async () => {
    const { threadId } = await aThread();
    const newcomer = await makeUser(t.db, { trustLevel: 0 });
    const { postId } = await replyToThread(
      t.db,
      newcomer,
      threadId,
      { body: "My neighbour is a crook." },
      new Date(),
    );
    await decide(postId, {
      intent: "reject",
      houseRuleId: ruleId,
      note: "Please don't name neighbours.",
    });
    const notes = JSON.stringify(await notificationsOf(newcomer));
    expect(notes).toMatch(/not published: it breaks house rule “Be respectful”/);
    expect(notes).toMatch(/Please don't name neighbours/);
    expect((await getPostReview(t.db, newcomer, postId)).appealable).toBe(true);

    await appealDecision(
      t.db,
      newcomer,
      postId,
      "I did not name anyone, please look again.",
      new Date(),
    );
    await expect(
      appealDecision(t.db, newcomer, postId, "And again, please!", new Date()),
    ).rejects.toThrow(/already appealed/);
    const appeal = await openItemFor(postId);
    expect(appeal.source).toBe("appeal");
    const queue = await listQueue(t.db, moderator, { reason: "appeal" }, new Date());
    expect(queue.items.find((i) => i.id === appeal.id)?.excludedForViewer).toBe(true);
    await expect(
      decideItem(
        t.db,
        moderator,
        appeal.id,
        appeal.version,
        { intent: "approve", note: null },
        new Date(),
      ),
    ).rejects.toThrow(/another moderator must decide/);
    await decideItem(
      t.db,
      secondModerator,
      appeal.id,
      appeal.version,
      { intent: "approve", note: null },
      new Date(),
    );

    expect(await visibleIds(threadId, null)).toContain(postId);
    expect(JSON.stringify(await notificationsOf(newcomer))).toMatch(/appeal succeeded.*final/);
    const review = await getPostReview(t.db, newcomer, postId);
    expect(review.appealable).toBe(false);
    expect(review.moderation.appeal?.status).toBe("approved");
    expect(review.moderation.state?.kind).toBe("restored-on-appeal");
  });
});

describe("editing", () => {
  it("an edit that adds a phone number takes the post out of view until a moderator approves", async () => {
    const { threadId } = await aThread();
    const resident = await makeUser(t.db);
    const postId = await postReply(
      t.db,
      resident,
      threadId,
      { body: "Happy to help." },
      new Date(),
    );
    expect(await replyCount(threadId)).toBe(1);
    const edited = await editPost(
      t.db,
      resident,
      postId,
      { body: "Happy to help: call 07700 900987.", version: 1 },
      { now: new Date(), windowMinutes: 30 },
    );
    expect(edited.held).toBe(true);
    expect(await visibleIds(threadId, null)).not.toContain(postId);
    expect(await replyCount(threadId)).toBe(0);
    const item = await openItemFor(postId);
    expect(item.reasons).toEqual(["personal_data"]);
    await decideItem(
      t.db,
      moderator,
      item.id,
      item.version,
      { intent: "approve", note: null },
      new Date(),
    );
    expect(await visibleIds(threadId, null)).toContain(postId);
    expect(await replyCount(threadId)).toBe(1);
  });
});

describe("edit and approve", () => {
  it("publishes the redacted text; only the audit log keeps the original", async () => {
    const { threadId } = await aThread();
    const resident = await makeUser(t.db);
    const { postId, held } = await replyToThread(
      t.db,
      resident,
      threadId,
      { body: "Call me on 07700 900123 about the lamps." },
      new Date(),
    );
    expect(held).toBe(true);
    const item = await openItemFor(postId);
    expect(item.reasons).toEqual(["personal_data"]);
    await decideItem(
      t.db,
      moderator,
      item.id,
      item.version,
      {
        intent: "edit-approve",
        body: "Call me on [phone number removed] about the lamps.",
        note: "Removed your phone number.",
      },
      new Date(),
    );
    const page = await listPostsInThread(t.db, threadId, { after: null }, null);
    expect(page.posts.find((p) => p.id === postId)?.bodyHtml).toContain("[phone number removed]");
    const revisions = await t.db
      .selectFrom("post_revisions")
      .selectAll()
      .where("post_id", "=", postId)
      .execute();
    expect(revisions).toEqual([]);
    const audit = await searchAuditLog(t.db, moderator, { action: "redact", targetId: postId });
    expect(audit.rows[0]?.before).toContain("07700 900123");
  });
});

describe("sanctions", () => {
  it("a suspended resident can read but not post, flag or support, and is told until when and why", async () => {
    const { threadId } = await aThread();
    const resident = await makeUser(t.db);
    const now = new Date("2026-11-23T12:00:00Z");
    await sanctionUser(
      t.db,
      moderator,
      resident.id,
      { intent: "suspend", days: "7", houseRuleId: ruleId, reason: "Repeated personal attacks." },
      now,
    );
    const row = await t.db
      .selectFrom("users")
      .select(["suspended_until", "sanction_reason"])
      .where("id", "=", resident.id)
      .executeTakeFirstOrThrow();
    const suspended: Viewer = {
      ...resident,
      suspendedUntil: row.suspended_until,
      sanctionReason: row.sanction_reason,
    };
    const refusal = replyToThread(t.db, suspended, threadId, { body: "Let me in." }, now);
    await expect(refusal).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refusal).rejects.toThrow(
      /suspended until 30 November 2026.*Repeated personal attacks/,
    );
    const starterPost = (await listPostsInThread(t.db, threadId, { after: null }, null)).posts[0]!;
    await expect(
      flagPost(t.db, suspended, starterPost.id, { reason: "spam", note: null }, now),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(JSON.stringify(await notificationsOf(resident))).toMatch(
      /suspended until 30 November 2026/,
    );
    await expect(
      sanctionUser(
        t.db,
        moderator,
        admin.id,
        { intent: "ban", houseRuleId: null, reason: "Nope nope" },
        now,
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the audit log", () => {
  beforeEach(async () => {
    await drain();
  });

  it("refuses UPDATE, DELETE and TRUNCATE at the database", async () => {
    const before = await t.db
      .selectFrom("moderation_actions")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(before.n).toBeGreaterThan(0);
    await expect(
      sql`update moderation_actions set reason = 'tampered'`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from moderation_actions`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate moderation_actions`.execute(t.db)).rejects.toThrow(/append-only/);
    const after = await t.db
      .selectFrom("moderation_actions")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("is searchable by moderators and closed to residents", async () => {
    const found = await searchAuditLog(t.db, moderator, { q: "personal attacks" });
    expect(found.rows.map((r) => r.action)).toContain("suspend");
    await expect(searchAuditLog(t.db, await makeUser(t.db), {})).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("the queue counts open items and shows an item to a moderator, not to a resident", async () => {
    expect(await countOpenItems(t.db)).toBeGreaterThan(0);
    const queue = await listQueue(t.db, moderator, {}, new Date());
    const first = queue.items[0]!;
    expect((await getItem(t.db, moderator, first.id, new Date())).id).toBe(first.id);
    await expect(getItem(t.db, await makeUser(t.db), first.id, new Date())).rejects.toThrow(
      /couldn't find/,
    );
  });
});
