/**
 * Flags, moderators' decisions and replies on one post at the same time, on real
 * PostgreSQL. Before the lock order was one (thread → post → item), a decision locked
 * the item before the thread while a flag locked the thread before the item, and
 * PostgreSQL broke the cycle with "deadlock detected": a 500 for the moderator.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import type { Viewer } from "../auth.server";
import { DomainError } from "./errors";
import { flagPost } from "./flags.server";
import { decideItem } from "./moderation-decisions.server";
import { replyToThread } from "./posts.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

async function openItemOf(postId: number) {
  return t.db
    .selectFrom("moderation_items")
    .select(["id", "version"])
    .where("post_id", "=", postId)
    .where("status", "=", "open")
    .executeTakeFirst();
}

describe("one lock order for threads, posts and moderation items", () => {
  it("runs flags, decisions and replies on one post in parallel with no error and consistent counts", async () => {
    const issue = await makeIssue(t.db);
    const starter = await makeUser(t.db);
    const now = () => new Date();
    const threadId = await postThread(
      t.db,
      starter,
      issue.slug,
      { kind: "discussion", title: "Bins on Mill Lane", body: "Collected late every week." },
      now(),
    );
    const target = await postReply(t.db, starter, threadId, { body: "And again today." }, now());
    // The post stays up while flagged, so every flag meets an open item a moderator is deciding.
    await t.db.updateTable("moderation_settings").set({ flag_hide_threshold: 1000 }).execute();
    const flaggers: Viewer[] = [];
    for (let i = 0; i < 40; i++) flaggers.push(await makeUser(t.db));
    const repliers: Viewer[] = [];
    for (let i = 0; i < 6; i++) repliers.push(await makeUser(t.db));
    const moderators = [
      await makeUser(t.db, { role: "moderator" }),
      await makeUser(t.db, { role: "moderator" }),
    ];

    const unexpected: unknown[] = [];
    let flagsTaken = 0;
    // A refusal a person would see as a message (stale version, already handled) is fine;
    // anything else (a deadlock, a serialization failure) would have been a 500.
    const track = (work: Promise<unknown>) =>
      work.catch((error: unknown) => {
        if (!(error instanceof DomainError)) unexpected.push(error);
      });

    const decisions = async (moderator: Viewer) => {
      for (let round = 0; round < 40; round++) {
        const item = await openItemOf(target);
        if (item) {
          await track(
            decideItem(
              t.db,
              moderator,
              item.id,
              item.version,
              { intent: "ignore", note: null },
              now(),
            ),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    // Flags arrive over time, each while replies hold the thread and decisions hold items.
    const flagLater = (flagger: Viewer, i: number) =>
      new Promise((resolve) => setTimeout(resolve, i * 3)).then(() =>
        flagPost(t.db, flagger, target, { reason: "spam", note: null }, now()),
      );
    await Promise.all([
      ...flaggers.map((flagger, i) => track(flagLater(flagger, i).then(() => flagsTaken++))),
      ...repliers.map((replier, i) =>
        track(replyToThread(t.db, replier, threadId, { body: `Me too, number ${i}.` }, now())),
      ),
      ...moderators.map(decisions),
    ]);

    expect(unexpected).toEqual([]);
    const thread = await t.db
      .selectFrom("threads")
      .select("reply_count")
      .where("id", "=", threadId)
      .executeTakeFirstOrThrow();
    const { published } = await t.db
      .selectFrom("posts")
      .select(sql<number>`count(*)::int`.as("published"))
      .where("thread_id", "=", threadId)
      .where("status", "=", "published")
      .executeTakeFirstOrThrow();
    // reply_count counts the public replies: every published post but the opening one.
    expect(thread.reply_count).toBe(published - 1);
    const flags = await t.db
      .selectFrom("flags")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("post_id", "=", target)
      .executeTakeFirstOrThrow();
    expect(flagsTaken).toBe(flaggers.length);
    expect(flags.n).toBe(flaggers.length);
    const openItems = await t.db
      .selectFrom("moderation_items")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("post_id", "=", target)
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    expect(openItems.n).toBeLessThanOrEqual(1);
  }, 60_000);
});
