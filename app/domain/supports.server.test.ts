import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { ConflictError, ForbiddenError } from "./errors";
import { listThreadsForIssue } from "./threads.server";
import { supportIdea, withdrawSupport } from "./supports.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

async function anIdea(title = "Plant trees on Mill Lane") {
  const issue = await makeIssue(t.db);
  const author = await makeUser(t.db);
  const threadId = await postThread(
    t.db,
    author,
    issue.slug,
    { kind: "idea", title, body: "Shade." },
    new Date(),
  );
  return { issue, author, threadId };
}

describe("supporting ideas", () => {
  it("counts 50 concurrent supports by one resident once", async () => {
    const { threadId } = await anIdea();
    const resident = await makeUser(t.db);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => supportIdea(t.db, resident, threadId, new Date())),
    );
    expect(results.every((r) => r.supported)).toBe(true);
    const thread = await t.db
      .selectFrom("threads")
      .select("support_count")
      .where("id", "=", threadId)
      .executeTakeFirstOrThrow();
    expect(thread.support_count).toBe(1);
    const rows = await t.db
      .selectFrom("supports")
      .selectAll()
      .where("thread_id", "=", threadId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("counts different residents separately and lets each withdraw", async () => {
    const { threadId } = await anIdea();
    const [a, b] = [await makeUser(t.db), await makeUser(t.db)];
    await supportIdea(t.db, a, threadId, new Date());
    expect(await supportIdea(t.db, b, threadId, new Date())).toEqual({
      supported: true,
      supportCount: 2,
    });
    expect(await withdrawSupport(t.db, a, threadId, new Date())).toEqual({
      supported: false,
      supportCount: 1,
    });
    // Withdrawing again changes nothing.
    expect(await withdrawSupport(t.db, a, threadId, new Date())).toEqual({
      supported: false,
      supportCount: 1,
    });
  });

  it("refuses a support once the issue has closed", async () => {
    const { issue, threadId } = await anIdea();
    const resident = await makeUser(t.db);
    await t.db
      .updateTable("issues")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", issue.id)
      .execute();
    await expect(supportIdea(t.db, resident, threadId, new Date())).rejects.toThrow(/closed on/);
    const thread = await t.db
      .selectFrom("threads")
      .select("support_count")
      .where("id", "=", threadId)
      .executeTakeFirstOrThrow();
    expect(thread.support_count).toBe(0);
  });

  it("refuses supporting your own idea, a discussion, or while suspended", async () => {
    const { author, threadId } = await anIdea();
    await expect(supportIdea(t.db, author, threadId, new Date())).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    const issue = await makeIssue(t.db);
    const discussion = await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "discussion", title: "Just talking", body: "Hi" },
      new Date(),
    );
    const resident = await makeUser(t.db);
    await expect(supportIdea(t.db, resident, discussion, new Date())).rejects.toBeInstanceOf(
      ConflictError,
    );

    const suspended = await makeUser(t.db, { suspendedUntil: new Date(Date.now() + 86_400_000) });
    await expect(supportIdea(t.db, suspended, threadId, new Date())).rejects.toThrow(
      /suspended until/,
    );
  });

  it("lists an issue's ideas by most supporters", async () => {
    const issue = await makeIssue(t.db);
    const author = await makeUser(t.db);
    const residents = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
    const ids: number[] = [];
    for (const title of ["Few", "Most", "Some"]) {
      ids.push(
        await postThread(
          t.db,
          author,
          issue.slug,
          { kind: "idea", title: `${title} supporters`, body: "x" },
          new Date(),
        ),
      );
    }
    await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "discussion", title: "Not an idea", body: "x" },
      new Date(),
    );
    const [few, most, some] = ids as [number, number, number];
    for (const r of residents) await supportIdea(t.db, r, most, new Date());
    for (const r of residents.slice(0, 2)) await supportIdea(t.db, r, some, new Date());
    await supportIdea(t.db, residents[0]!, few, new Date());

    const page = await listThreadsForIssue(t.db, issue.id, { sort: "supported", after: null });
    expect(page.threads.map((th) => [th.title, th.supportCount])).toEqual([
      ["Most supporters", 3],
      ["Some supporters", 2],
      ["Few supporters", 1],
    ]);
  });
});
