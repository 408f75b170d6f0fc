import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { meilisearchConnection, openTestDatabase } from "../../scripts/test-harness/test-context";
import type { Viewer } from "../auth.server";
import { createOutboxHandlers } from "../jobs/handlers.server";
import { drainOutbox } from "../jobs/outbox-worker.server";
import { enqueueSearchSync, rebuildSearchIndex } from "../jobs/search-sync.server";
import { createLogger } from "../log.server";
import { createSearchService, type SearchQuery, type SearchService } from "../search.server";
import { hashPassword } from "../passwords.server";
import { deleteAccount } from "./account-deletion.server";
import { flagPost } from "./flags.server";
import { decideItem } from "./moderation-decisions.server";
import { draftOutcome, publishOutcome } from "./outcomes.server";
import { editPost } from "./post-edits.server";
import { replyToThread } from "./posts.server";
import { searchSite } from "./site-search.server";

let t: TestDatabase;
let search: SearchService;
const log = createLogger("silent");

beforeAll(async () => {
  t = await openTestDatabase();
  search = createSearchService({
    ...meilisearchConnection(),
    indexUid: `test_${randomBytes(4).toString("hex")}`,
  });
  await search.prepareIndex();
  // A fresh index is slow to take its first documents; warm it so timings are typical.
  await search.upsert([
    {
      id: "warm-up",
      type: "issue",
      title: "Warm up",
      body: "Warm up",
      issueId: 0,
      issueTitle: "",
      issueStatus: "open",
      area: "",
      areaSlug: "x",
      category: "",
      categorySlug: "x",
      author: null,
      authorId: null,
      createdAt: 0,
      url: "/",
    },
  ]);
  await search.remove(["warm-up"]);
  await search.settle();
});
afterAll(() => t.close());

/** What the worker does after commit, then waits for Meilisearch to apply it. */
/** The worker's view of "now", a moment ahead: PostgreSQL's clock has microseconds, JS's only ms. */
const soon = () => new Date(Date.now() + 1_000);

async function sync() {
  await drainOutbox(t.db, createOutboxHandlers({ search, mail: null }), { now: soon });
  await search.settle();
}

/** A deadline for "it happens", generous enough for a busy 2-core CI machine. */
const EVENTUALLY_MS = 60_000;

/**
 * What a resident sees: the worker runs, then searches are repeated until they show the
 * change. How fast that is belongs to `npm run bench` (freshness), not to a test.
 */
async function untilSearchShows(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + EVENTUALLY_MS;
  await drainOutbox(t.db, createOutboxHandlers({ search, mail: null }), { now: soon });
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the change never showed in search");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function find(q: string, extra: Partial<SearchQuery> = {}) {
  return search.search({ q, sort: "relevance", page: 1, hitsPerPage: 20, ...extra });
}

const text = (parts: { text: string }[]) => parts.map((p) => p.text).join("");

async function anAreaIssue(title: string) {
  const issue = await makeIssue(t.db, { title });
  const row = await t.db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .select(["areas.slug"])
    .where("issues.id", "=", issue.id)
    .executeTakeFirstOrThrow();
  // Factories write rows directly; say what createIssue would have said to search.
  await t.db
    .transaction()
    .execute((trx) => enqueueSearchSync(trx, { kind: "issue", id: issue.id }));
  return { ...issue, areaSlug: row.slug };
}

describe("search over Meilisearch", () => {
  it("finds the library issue through typos: “libary opening ours”", async () => {
    await anAreaIssue("Library opening hours");
    await anAreaIssue("Resurfacing the car park");
    await sync();
    const results = await find("libary opening ours");
    expect(results.hits[0] && text(results.hits[0].title)).toBe("Library opening hours");
    expect(results.hits[0]?.title.some((part) => part.match)).toBe(true);
  });

  it("narrows by a facet and counts each facet value right", async () => {
    const north = await anAreaIssue("Bollards on the north green");
    const south = await anAreaIssue("Bollards by the south school");
    const resident = await makeUser(t.db);
    for (const [issue, count] of [
      [north, 2],
      [south, 1],
    ] as const) {
      for (let i = 0; i < count; i++) {
        await postThread(
          t.db,
          resident,
          issue.slug,
          {
            kind: "idea",
            title: `Move the zebracrossingx ${i}`,
            body: `Idea ${i} for ${issue.slug}`,
          },
          new Date(),
        );
      }
    }
    await sync();
    const all = await find("zebracrossingx");
    expect(all.total).toBe(3);
    expect(all.facets.areaSlug).toEqual({ [north.areaSlug]: 2, [south.areaSlug]: 1 });
    const narrowed = await find("zebracrossingx", { areaSlug: north.areaSlug });
    expect(narrowed.total).toBe(2);
    expect(narrowed.hits.every((h) => h.area === narrowed.hits[0]?.area)).toBe(true);
    // The chosen facet still counts the other values; the others follow the filter.
    expect(narrowed.facets.areaSlug).toEqual({ [north.areaSlug]: 2, [south.areaSlug]: 1 });
    expect(narrowed.facets.type).toEqual({ thread: 2 });
  });

  it("reflects an edit, and drops a hidden post", async () => {
    const issue = await makeIssue(t.db);
    const author = await makeUser(t.db);
    const threadId = await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "discussion", title: "Parking permits", body: "Permits cost too much." },
      new Date(),
    );
    const postId = await postReply(
      t.db,
      author,
      threadId,
      { body: "Quokkaword original text." },
      new Date(),
    );
    await sync();
    expect((await find("quokkaword")).total).toBe(1);

    await editPost(
      t.db,
      author,
      postId,
      { body: "Wombatword after the edit.", version: 1 },
      { now: new Date(), windowMinutes: 30 },
    );
    await untilSearchShows(
      async () => (await find("wombatword")).total === 1 && (await find("quokkaword")).total === 0,
    );
    expect((await find("wombatword")).hits.map((h) => h.url)).toEqual([`/posts/${postId}`]);

    const moderator = await makeUser(t.db, { role: "moderator" });
    for (let i = 0; i < 3; i++) {
      await flagPost(
        t.db,
        await makeUser(t.db),
        postId,
        { reason: "spam", note: null },
        new Date(),
      );
    }
    await untilSearchShows(async () => (await find("wombatword")).total === 0);
    // Dismissing the flags brings it back.
    const item = await t.db
      .selectFrom("moderation_items")
      .select(["id", "version"])
      .where("post_id", "=", postId)
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    await decideItem(
      t.db,
      moderator,
      item.id,
      item.version,
      { intent: "ignore", note: null },
      new Date(),
    );
    await sync();
    expect((await find("wombatword")).total).toBe(1);
  }, 150_000);

  it("never finds a held post, or anything in a draft issue", async () => {
    const issue = await makeIssue(t.db);
    const starter = await makeUser(t.db);
    const threadId = await postThread(
      t.db,
      starter,
      issue.slug,
      { kind: "discussion", title: "Allotments", body: "Waiting lists are long." },
      new Date(),
    );
    const newcomer: Viewer = await makeUser(t.db, { trustLevel: 0 });
    const held = await replyToThread(
      t.db,
      newcomer,
      threadId,
      { body: "Narwhalword held text." },
      new Date(),
    );
    expect(held.held).toBe(true);
    await makeIssue(t.db, { status: "draft", title: "Secret draft platypusword" });
    await sync();
    expect((await find("narwhalword")).total).toBe(0);
    expect((await find("platypusword")).total).toBe(0);
  });

  it("escapes what residents write: only the highlight is marked", async () => {
    const issue = await makeIssue(t.db);
    const author = await makeUser(t.db);
    await postThread(
      t.db,
      author,
      issue.slug,
      {
        kind: "discussion",
        title: "Escaping test",
        body: "Ibisword <img src=x onerror=alert(1)> and \u0002fake\u0003 marks",
      },
      new Date(),
    );
    await sync();
    const hit = (await find("ibisword")).hits[0];
    expect(hit).toBeDefined();
    const marked = hit?.snippet.filter((p) => p.match).map((p) => p.text);
    expect(marked).toEqual(["Ibisword"]);
    expect(text(hit?.snippet ?? [])).not.toContain("\u0002");
  });

  it("keeps answering searches while the index is rebuilt and swapped", async () => {
    await anAreaIssue("Rebuild check: heronword");
    await sync();
    expect((await find("heronword")).total).toBe(1);
    let rebuilding = true;
    const answers: number[] = [];
    const failures: unknown[] = [];
    const searching = (async () => {
      while (rebuilding) {
        try {
          answers.push((await find("heronword")).total);
        } catch (error) {
          failures.push(error);
        }
      }
    })();
    const waiting: number[] = [];
    const { documents } = await rebuildSearchIndex(t.db, search, {
      onIndexing: (n) => waiting.push(n),
    });
    rebuilding = false;
    // The rebuild waited for Meilisearch's queue to drain, and said so as it went.
    expect(waiting.at(-1)).toBe(0);
    await searching;
    expect(documents).toBeGreaterThanOrEqual(1);
    expect(failures).toEqual([]);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((n) => n !== 1)).toEqual([]);
    expect((await find("heronword")).total).toBe(1);
  });
});

describe("waiting for Meilisearch", () => {
  it("refuses to call an index settled when Meilisearch rejected a write to it", async () => {
    const uid = `test_refused_${randomBytes(4).toString("hex")}`;
    await search.prepareIndex(uid);
    // A document id may not contain spaces: Meilisearch fails the task, not the request.
    await search.upsert([{ id: "not a valid id" } as never], uid);
    await expect(search.settle(uid, { requireSuccess: true })).rejects.toThrow(/refused 1 write/);
  });
});

describe("outcomes in search", () => {
  it("finds a published outcome, never a draft", async () => {
    const issue = await makeIssue(t.db, { title: "Quay Road trees" });
    const officer = await makeUser(t.db, { role: "officer", team: "Parks" });
    const base = {
      status: "decision_made" as const,
      statusReason: null,
      progress: 0,
      youSaid: "You asked for shade.",
      nextSteps: [],
      team: "Parks",
      version: null,
    };
    const published = await draftOutcome(
      t.db,
      officer,
      issue.slug,
      { ...base, title: "Twelve limes for Quay Road", weDid: "We will plant lindenword trees." },
      [],
      new Date(),
    );
    await publishOutcome(t.db, officer, published, new Date());
    await draftOutcome(
      t.db,
      officer,
      issue.slug,
      { ...base, title: "Draft about oaks", weDid: "Maybe oakdraftword trees." },
      [],
      new Date(),
    );
    await sync();
    const found = await find("lindenword");
    expect(found.hits.map((h) => [h.type, h.url])).toEqual([["outcome", `/outcomes/${published}`]]);
    expect((await find("oakdraftword")).total).toBe(0);
  });
});

describe("deleting an account", () => {
  it("takes the person's name, and the posts they chose to remove, out of search", async () => {
    const issue = await makeIssue(t.db);
    const keeper = await makeUser(t.db);
    const remover = await makeUser(t.db);
    const password = "search-delete-password";
    const hash = await hashPassword(password);
    await t.db
      .updateTable("users")
      .set({ password_hash: hash, display_name: "Zebedee Quillfeather" })
      .where("id", "=", keeper.id)
      .execute();
    await t.db
      .updateTable("users")
      .set({ password_hash: hash })
      .where("id", "=", remover.id)
      .execute();
    await postThread(
      t.db,
      { ...keeper, displayName: "Zebedee Quillfeather" },
      issue.slug,
      { kind: "discussion", title: "Keptword thread", body: "keptword body" },
      new Date(),
    );
    await postThread(
      t.db,
      remover,
      issue.slug,
      { kind: "discussion", title: "Goneword thread", body: "goneword body" },
      new Date(),
    );
    await sync();
    expect((await find("Quillfeather")).total).toBeGreaterThan(0);
    expect((await find("goneword")).total).toBeGreaterThan(0);

    await deleteAccount(t.db, { userId: keeper.id, password, contributions: "keep" }, new Date());
    await deleteAccount(
      t.db,
      { userId: remover.id, password, contributions: "remove" },
      new Date(),
    );
    await sync();
    expect((await find("Quillfeather")).total).toBe(0);
    const kept = await find("keptword");
    expect(kept.total).toBeGreaterThan(0);
    expect(kept.hits.every((hit) => hit.author === "Former participant")).toBe(true);
    expect((await find("goneword")).total).toBe(0);
  });
});

describe("search's limited mode", () => {
  it("answers from PostgreSQL when there is no search service, and says so", async () => {
    const issue = await makeIssue(t.db, { title: "Swimming pool opening times" });
    const author = await makeUser(t.db);
    await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "question", title: "Lane swimming", body: "When are the lanes for lengths?" },
      new Date(),
    );
    const result = await searchSite(
      { db: t.db, search: null, log },
      { q: "swimming", sort: "relevance", page: 1, hitsPerPage: 20 },
      new Date(),
    );
    expect(result.mode).toBe("limited");
    expect(result.results.hits.map((h) => text(h.title))).toEqual(
      expect.arrayContaining(["Swimming pool opening times", "Lane swimming"]),
    );
    expect(result.results.facets.type).toMatchObject({ issue: 1, thread: 1 });
  });

  it("gives each issue hit its window as it is now, with the day it really closed", async () => {
    const now = new Date();
    const issue = await makeIssue(t.db, { title: "Orchard on Kiln Lane" });
    const closedEarlyAt = new Date(now.getTime() - 86_400_000);
    // Indexed while open; an officer then closed it early. The words must follow.
    await t.db
      .updateTable("issues")
      .set({ status: "closed", closed_early_at: closedEarlyAt })
      .where("id", "=", issue.id)
      .execute();
    const result = await searchSite(
      { db: t.db, search: null, log },
      { q: "orchard kiln", sort: "relevance", page: 1, hitsPerPage: 20 },
      now,
    );
    expect(result.issueWindows[`issue-${issue.id}`]).toMatchObject({
      phase: "closed",
      closedEarlyAt,
    });
  });
});
