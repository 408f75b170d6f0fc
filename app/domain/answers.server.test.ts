import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { clearOfficialAnswer, markOfficialAnswer } from "./answers.server";
import { ConflictError, ForbiddenError } from "./errors";
import { getThread } from "./threads.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

async function aQuestionWithReplies() {
  const issue = await makeIssue(t.db);
  const resident = await makeUser(t.db);
  const officer = await makeUser(t.db, { role: "officer", team: "Highways" });
  const threadId = await postThread(
    t.db,
    resident,
    issue.slug,
    { kind: "question", title: "Will the 42 still stop?", body: "Asking for my mum." },
    new Date(),
  );
  const residentReply = await postReply(
    t.db,
    resident,
    threadId,
    { body: "Also keen to know." },
    new Date(),
  );
  const staffReply = await postReply(
    t.db,
    officer,
    threadId,
    { body: "Yes, at a temporary stop." },
    new Date(),
  );
  return { resident, officer, threadId, residentReply, staffReply };
}

describe("official answers", () => {
  it("lets an officer mark a staff reply as the official answer, and remove it", async () => {
    const { officer, threadId, staffReply } = await aQuestionWithReplies();
    await markOfficialAnswer(t.db, officer, threadId, staffReply);
    expect((await getThread(t.db, threadId, null)).answeredPostId).toBe(staffReply);
    await clearOfficialAnswer(t.db, officer, threadId);
    expect((await getThread(t.db, threadId, null)).answeredPostId).toBeNull();
  });

  it("refuses residents and moderators", async () => {
    const { resident, threadId, staffReply } = await aQuestionWithReplies();
    const moderator = await makeUser(t.db, { role: "moderator" });
    await expect(markOfficialAnswer(t.db, resident, threadId, staffReply)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(markOfficialAnswer(t.db, moderator, threadId, staffReply)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("refuses a resident's reply as the answer, and a reply from another thread", async () => {
    const { officer, threadId, residentReply } = await aQuestionWithReplies();
    const other = await aQuestionWithReplies();
    await expect(markOfficialAnswer(t.db, officer, threadId, residentReply)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(markOfficialAnswer(t.db, officer, threadId, other.staffReply)).rejects.toThrow(
      /couldn't find that reply/,
    );
  });

  it("only questions have official answers", async () => {
    const issue = await makeIssue(t.db);
    const officer = await makeUser(t.db, { role: "officer" });
    const threadId = await postThread(
      t.db,
      officer,
      issue.slug,
      { kind: "discussion", title: "Talk", body: "x" },
      new Date(),
    );
    const reply = await postReply(t.db, officer, threadId, { body: "y" }, new Date());
    await expect(markOfficialAnswer(t.db, officer, threadId, reply)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});
