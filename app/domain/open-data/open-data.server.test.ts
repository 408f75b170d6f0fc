/**
 * Open data and the API read the same datasets: an anonymous reader must get exactly
 * the public content the policy module defines, over every issue status, thread status
 * and post status; people only as pseudonyms. Then the content version behind ETags,
 * and the staff export's two shapes.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ISSUE_STATUSES, POST_STATUSES } from "../../../db/schema";
import type { TestDatabase } from "../../../scripts/test-harness/databases";
import { makeAreaAndCategory, makeUser } from "../../../scripts/test-harness/factories";
import { openTestDatabase } from "../../../scripts/test-harness/test-context";
import type { Viewer } from "../../auth.server";
import { renderMarkdown } from "../../markdown.server";
import { exportContributionsCsv } from "../contribution-export.server";
import { ForbiddenError } from "../errors";
import { publicIssue, publicPost, publicThread } from "../policy";
import { DATASETS, readAllRows, type Dataset, type DatasetContext } from "./datasets.server";
import { pruneContentChanges, readContentVersion } from "./open-data-version.server";

let t: TestDatabase;
let author: Viewer;
const now = new Date();
const DAY = 86_400_000;
const context = (): DatasetContext => ({
  secret: "test-secret",
  origin: "https://parley.test",
  now,
  responseWeeks: 12,
});

interface Built {
  issueId: number;
  issueStatus: (typeof ISSUE_STATUSES)[number];
  threadId: number;
  threadStatus: (typeof POST_STATUSES)[number];
  postId: number;
  postStatus: (typeof POST_STATUSES)[number];
}
const built: Built[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  const { areaId, categoryId } = await makeAreaAndCategory(t.db);
  author = await makeUser(t.db);
  for (const issueStatus of ISSUE_STATUSES) {
    const issue = await t.db
      .insertInto("issues")
      .values({
        slug: `open-data-${issueStatus}-${areaId}`,
        title: `Issue ${issueStatus}`,
        summary_md: "x",
        summary_html: renderMarkdown("x"),
        area_id: areaId,
        category_id: categoryId,
        status: issueStatus,
        opens_at: new Date(now.getTime() - 10 * DAY),
        closes_at: new Date(now.getTime() + 10 * DAY),
        created_by: author.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const threadStatus of POST_STATUSES) {
      const thread = await t.db
        .insertInto("threads")
        .values({
          issue_id: issue.id,
          kind: "discussion",
          title: `${issueStatus}/${threadStatus}`,
          author_id: author.id,
          status: threadStatus,
          last_post_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const postStatus of POST_STATUSES) {
        const post = await t.db
          .insertInto("posts")
          .values({
            thread_id: thread.id,
            author_id: author.id,
            body_md: `words ${issueStatus}/${threadStatus}/${postStatus}`,
            body_html: "<p>x</p>",
            status: postStatus,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        built.push({
          issueId: issue.id,
          issueStatus,
          threadId: thread.id,
          threadStatus,
          postId: post.id,
          postStatus,
        });
      }
    }
  }
});
afterAll(() => t.close());

async function all<N extends keyof typeof DATASETS>(name: N) {
  const rows: { id: number }[] = [];
  const dataset: Dataset<{ id: number }> = DATASETS[name];
  for await (const batch of readAllRows(t.db, dataset, context(), 7)) rows.push(...batch);
  return rows;
}
const facts = (b: Built) => ({
  issueStatus: b.issueStatus,
  threadStatus: b.threadStatus,
  threadAuthorId: author.id,
  postStatus: b.postStatus,
  postAuthorId: author.id,
});
const ours = (ids: number[], among: number[]) =>
  ids.filter((id) => among.includes(id)).sort((a, b) => a - b);
const unique = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

describe("the datasets hold exactly the public content (policy module cases)", () => {
  it("posts: published, in a published thread of a non-draft issue; never held, hidden, rejected, deleted or draft", async () => {
    const expected = unique(built.filter((b) => publicPost.holds(facts(b))).map((b) => b.postId));
    const got = ours(
      (await all("posts")).map((r) => r.id),
      built.map((b) => b.postId),
    );
    expect(got).toEqual(expected);
    expect(expected.length).toBe(ISSUE_STATUSES.length - 1);
  });

  it("threads and issues likewise", async () => {
    const threads = ours(
      (await all("threads")).map((r) => r.id),
      built.map((b) => b.threadId),
    );
    expect(threads).toEqual(
      unique(built.filter((b) => publicThread.holds(facts(b))).map((b) => b.threadId)),
    );
    const issues = ours(
      (await all("issues")).map((r) => r.id),
      built.map((b) => b.issueId),
    );
    expect(issues).toEqual(
      unique(built.filter((b) => publicIssue.holds(facts(b))).map((b) => b.issueId)),
    );
  });

  it("people appear only as pseudonyms: no name, email or account id", async () => {
    const text = JSON.stringify([...(await all("posts")), ...(await all("threads"))]);
    expect(text).not.toContain(author.displayName);
    expect(text).not.toContain("@test.example");
    expect(text).not.toMatch(new RegExp(`"author":${author.id}[,}]`));
    expect(text).toMatch(/"author":"P-[0-9a-f]{12}"/);
  });

  it("pages in id order without gaps or repeats, whatever the batch size", async () => {
    const ids = (await all("posts")).map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the content version behind ETags", () => {
  it("is steady without writes, moves on a write to public content and when a closing date passes", async () => {
    const first = await readContentVersion(t.db, now);
    expect((await readContentVersion(t.db, now)).tag).toBe(first.tag);
    await t.db
      .updateTable("posts")
      .set({ body_md: "changed" })
      .where("id", "=", built[0]!.postId)
      .execute();
    const afterWrite = await readContentVersion(t.db, now);
    expect(afterWrite.tag).not.toBe(first.tag);
    // No write, but an issue's phase moved (it closed): the issues dataset changed.
    const afterClosing = await readContentVersion(t.db, new Date(now.getTime() + 11 * DAY));
    expect(afterClosing.tag).not.toBe(afterWrite.tag);
  });

  it("pruning keeps the latest change, so the version still exists afterwards", async () => {
    await sql`update open_data_changes set changed_at = now() - interval '2 hours'`.execute(t.db);
    await pruneContentChanges(t.db, new Date());
    const { n } = await t.db
      .selectFrom("open_data_changes")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(n).toBe(1);
    const version = await readContentVersion(t.db, now);
    expect(version.lastModified).not.toBeNull();
  });
});

async function csvText(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

describe("the staff export of an issue's contributions", () => {
  it("officers get public contributions, without moderation status; moderators get held ones with it", async () => {
    const issue = await t.db
      .selectFrom("issues")
      .select("slug")
      .where("title", "=", "Issue open")
      .executeTakeFirstOrThrow();
    const officer = await makeUser(t.db, { role: "officer" });
    const moderator = await makeUser(t.db, { role: "moderator" });
    const forOfficer = await csvText(
      (await exportContributionsCsv(t.db, officer, issue.slug, "https://parley.test")).body,
    );
    const forModerator = await csvText(
      (await exportContributionsCsv(t.db, moderator, issue.slug, "https://parley.test")).body,
    );
    expect(forOfficer.split("\n")[0]).not.toContain("moderation_status");
    expect(forOfficer).toContain("words open/published/published");
    expect(forOfficer).not.toContain("words open/published/pending");
    expect(forOfficer).not.toContain("words open/pending/published");
    expect(forModerator.split("\n")[0]).toContain("moderation_status");
    expect(forModerator).toContain("words open/published/pending");
    expect(forModerator).toContain("words open/hidden/hidden");
    expect(forModerator).not.toContain("/deleted\n");
    for (const text of [forOfficer, forModerator]) expect(text).not.toContain("@test.example");
  });

  it("residents are refused", async () => {
    const resident = await makeUser(t.db);
    await expect(
      exportContributionsCsv(t.db, resident, "anything", "https://parley.test"),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
