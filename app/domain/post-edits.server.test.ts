import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { outboxHandlers } from "../jobs/handlers.server";
import { drainOutbox } from "../jobs/outbox-worker.server";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { deleteOwnPost, editPost, listPostRevisions } from "./post-edits.server";
import { listPostsInThread } from "./posts.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const WINDOW = { windowMinutes: 30 };

async function aThreadWithReply() {
  const issue = await makeIssue(t.db);
  const author = await makeUser(t.db);
  const threadId = await postThread(
    t.db,
    author,
    issue.slug,
    { kind: "discussion", title: "Mill Lane", body: "Opening" },
    new Date(),
  );
  const postId = await postReply(t.db, author, threadId, { body: "First *draft*" }, new Date());
  return { issue, author, threadId, postId };
}

describe("editing your own post", () => {
  it("replaces the text, marks it edited, and keeps the earlier version", async () => {
    const { author, threadId, postId } = await aThreadWithReply();
    await editPost(
      t.db,
      author,
      postId,
      { body: "Second version", version: 1 },
      { now: new Date(), ...WINDOW },
    );
    const { posts } = await listPostsInThread(t.db, threadId);
    const edited = posts.find((p) => p.id === postId);
    expect(edited?.bodyHtml).toBe("<p>Second version</p>\n");
    expect(edited?.editedAt).not.toBeNull();
    const history = await listPostRevisions(t.db, postId);
    expect(history.current.version).toBe(2);
    expect(history.earlier.map((r) => [r.version, r.bodyHtml])).toEqual([
      [1, "<p>First <em>draft</em></p>\n"],
    ]);
  });

  it("refuses an edit after the window", async () => {
    const { author, postId } = await aThreadWithReply();
    const later = new Date(Date.now() + 31 * 60_000);
    await expect(
      editPost(t.db, author, postId, { body: "Too late", version: 1 }, { now: later, ...WINDOW }),
    ).rejects.toThrow(/can be edited for 30 minutes/);
  });

  it("refuses an edit from a stale form instead of losing the newer one", async () => {
    const { author, postId } = await aThreadWithReply();
    await editPost(
      t.db,
      author,
      postId,
      { body: "From tab one", version: 1 },
      { now: new Date(), ...WINDOW },
    );
    await expect(
      editPost(
        t.db,
        author,
        postId,
        { body: "From tab two", version: 1 },
        { now: new Date(), ...WINDOW },
      ),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses someone else's post", async () => {
    const { postId } = await aThreadWithReply();
    const stranger = await makeUser(t.db);
    await expect(
      editPost(
        t.db,
        stranger,
        postId,
        { body: "Mine now", version: 1 },
        { now: new Date(), ...WINDOW },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteOwnPost(t.db, stranger, postId, new Date())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe("deleting your own post", () => {
  it("leaves a placeholder so the thread keeps its shape, and replies to it stay", async () => {
    const { author, threadId, postId } = await aThreadWithReply();
    const other = await makeUser(t.db);
    const answer = await postReply(
      t.db,
      other,
      threadId,
      { body: "Replying to you", replyToId: postId },
      new Date(),
    );
    await deleteOwnPost(t.db, author, postId, new Date());

    const { posts } = await listPostsInThread(t.db, threadId);
    expect(posts.map((p) => [p.id, p.status])).toEqual([
      [posts[0]!.id, "published"],
      [postId, "deleted"],
      [answer, "published"],
    ]);
    const removed = posts[1]!;
    expect(removed.bodyHtml).toBe("");
    expect(posts[2]!.replyToId).toBe(postId);
    const thread = await t.db
      .selectFrom("threads")
      .select("reply_count")
      .where("id", "=", threadId)
      .executeTakeFirstOrThrow();
    expect(thread.reply_count).toBe(1);
    // Its words are gone from public view, including its history page.
    await expect(listPostRevisions(t.db, postId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a reply to a deleted post", async () => {
    const { author, threadId, postId } = await aThreadWithReply();
    await deleteOwnPost(t.db, author, postId, new Date());
    await expect(
      postReply(t.db, author, threadId, { body: "x", replyToId: postId }, new Date()),
    ).rejects.toThrow(/no longer available/);
  });
});

describe("quote replies", () => {
  it("tell the quoted author, not only the thread's starter", async () => {
    const { threadId, author } = await aThreadWithReply();
    const quoted = await makeUser(t.db);
    const quotedPost = await postReply(
      t.db,
      quoted,
      threadId,
      { body: "Something quotable" },
      new Date(),
    );
    await drainOutbox(t.db, outboxHandlers);
    const replier = await makeUser(t.db);
    await postReply(
      t.db,
      replier,
      threadId,
      { body: "> Something quotable\n\nIndeed", replyToId: quotedPost },
      new Date(),
    );
    await drainOutbox(t.db, outboxHandlers);
    const kinds = await t.db
      .selectFrom("notifications")
      .select(["user_id", "kind"])
      .where("user_id", "in", [quoted.id, author.id])
      .execute();
    expect(kinds.filter((k) => k.user_id === quoted.id)).toEqual([
      { user_id: quoted.id, kind: "reply" },
    ]);
  });
});
