import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { listUnansweredQuestions, markOfficialAnswer } from "./answers.server";
import {
  createAnnouncement,
  listAnnouncementsFor,
  listUrgentBanners,
  withdrawAnnouncement,
} from "./announcements.server";
import { ForbiddenError, InvalidInputError } from "./errors";
import { getProfile, listProfilePosts, updateOwnProfile } from "./profiles.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const notice = { areaId: null, issueId: null, body: "Details follow." };

describe("announcements", () => {
  it("shows an urgent site-wide notice as a banner until it is withdrawn", async () => {
    const officer = await makeUser(t.db, { role: "officer" });
    await createAnnouncement(t.db, officer, {
      ...notice,
      scope: "site",
      severity: "urgent",
      title: "Flooding on Station Road",
    });
    const banners = await listUrgentBanners(t.db);
    expect(banners.map((b) => b.title)).toContain("Flooding on Station Road");
    await withdrawAnnouncement(t.db, officer, banners[0]!.id, new Date());
    expect((await listUrgentBanners(t.db)).map((b) => b.title)).not.toContain(
      "Flooding on Station Road",
    );
  });

  it("pins a notice to one issue, seen there and not elsewhere", async () => {
    const officer = await makeUser(t.db, { role: "officer" });
    const issue = await makeIssue(t.db);
    const other = await makeIssue(t.db);
    await createAnnouncement(t.db, officer, {
      ...notice,
      scope: "issue",
      issueId: issue.id,
      severity: "warning",
      title: "Drop-in moved",
    });
    expect((await listAnnouncementsFor(t.db, { issueId: issue.id })).map((a) => a.title)).toEqual([
      "Drop-in moved",
    ]);
    expect(await listAnnouncementsFor(t.db, { issueId: other.id })).toEqual([]);
  });

  it("refuses residents, and an area notice with no area", async () => {
    await expect(
      createAnnouncement(t.db, await makeUser(t.db), {
        ...notice,
        scope: "site",
        severity: "information",
        title: "Hello all",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createAnnouncement(t.db, await makeUser(t.db, { role: "officer" }), {
        ...notice,
        scope: "area",
        severity: "information",
        title: "Hello ward",
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("profiles", () => {
  it("show public posts only, newest first", async () => {
    const issue = await makeIssue(t.db);
    const author = await makeUser(t.db);
    const threadId = await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "discussion", title: "Visible", body: "One" },
      new Date(),
    );
    const second = await postReply(t.db, author, threadId, { body: "Two" }, new Date());
    const hidden = await postReply(t.db, author, threadId, { body: "Hidden" }, new Date());
    await t.db.updateTable("posts").set({ status: "hidden" }).where("id", "=", hidden).execute();
    const { posts } = await listProfilePosts(t.db, author.id, null);
    expect(posts.map((p) => p.bodyHtml)).toEqual(["<p>Two</p>\n", "<p>One</p>\n"]);
    expect(posts[0]!.id).toBe(second);
  });

  it("change only the name and introduction", async () => {
    const resident = await makeUser(t.db);
    await updateOwnProfile(t.db, resident, {
      displayName: "New Name",
      bio: "Mill Lane resident since 1998.",
    });
    const profile = await getProfile(t.db, resident.id);
    expect([profile.displayName, profile.bio, profile.role]).toEqual([
      "New Name",
      "Mill Lane resident since 1998.",
      "resident",
    ]);
  });
});

describe("unanswered questions", () => {
  it("lists questions without an official answer after N days, oldest first", async () => {
    const issue = await makeIssue(t.db);
    const resident = await makeUser(t.db);
    const officer = await makeUser(t.db, { role: "officer" });
    const long = new Date(Date.now() - 10 * 86_400_000);
    await postThread(
      t.db,
      resident,
      issue.slug,
      { kind: "question", title: "Old question", body: "?" },
      long,
    );
    const answered = await postThread(
      t.db,
      resident,
      issue.slug,
      { kind: "question", title: "Answered one", body: "?" },
      long,
    );
    await postThread(
      t.db,
      resident,
      issue.slug,
      { kind: "question", title: "Fresh question", body: "?" },
      new Date(),
    );
    const reply = await postReply(t.db, officer, answered, { body: "Answer" }, new Date());
    await markOfficialAnswer(t.db, officer, answered, reply);

    const { questions } = await listUnansweredQuestions(t.db, {
      olderThanDays: 5,
      now: new Date(),
      after: null,
    });
    const titles = questions.map((q) => q.title);
    expect(titles).toContain("Old question");
    expect(titles).not.toContain("Answered one");
    expect(titles).not.toContain("Fresh question");
  });
});
