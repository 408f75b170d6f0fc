/**
 * The fault test: Meilisearch stops while residents keep posting and editing. Search
 * answers from PostgreSQL meanwhile; when Meilisearch is back, every change made during
 * the outage becomes searchable and nothing is lost. This file runs its own
 * Meilisearch, so stopping it disturbs no other test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalMeilisearch,
  type LocalMeilisearch,
} from "../../scripts/lib/meilisearch-process";
import { postReply, postThread } from "../../scripts/test-harness/contributions";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import { editPost } from "../domain/post-edits.server";
import { searchSite } from "../domain/site-search.server";
import { createLogger } from "../log.server";
import { createSearchService, type SearchService } from "../search.server";
import { createOutboxHandlers } from "./handlers.server";
import { drainOutbox } from "./outbox-worker.server";
import { releaseStalledSearchSync } from "./search-sync.server";

const MASTER_KEY = "outage-test-master-key-0123456789";
let t: TestDatabase;
let dataDir: string;
let meili: LocalMeilisearch;
let search: SearchService;
const log = createLogger("silent");

beforeAll(async () => {
  t = await openTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-outage-"));
  meili = await startLocalMeilisearch({ dataDir, masterKey: MASTER_KEY });
  search = createSearchService({ url: meili.url, apiKey: MASTER_KEY });
  await search.prepareIndex();
}, 60_000);

afterAll(async () => {
  await meili.stop();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const query = (q: string) => ({ q, sort: "relevance" as const, page: 1, hitsPerPage: 20 });

describe("a Meilisearch outage", () => {
  it("degrades to PostgreSQL, then catches up losing nothing", async () => {
    const issue = await makeIssue(t.db);
    const author = await makeUser(t.db);
    const threadId = await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "discussion", title: "Skate park lighting", body: "Lights go off at 8pm." },
      new Date(),
    );
    const replyId = await postReply(
      t.db,
      author,
      threadId,
      { body: "Cormorantword first." },
      new Date(),
    );
    await drainOutbox(t.db, createOutboxHandlers({ search, mail: null }));
    await search.settle();
    expect((await search.search(query("cormorantword"))).total).toBe(1);

    const port = new URL(meili.url).port;
    await meili.stop();

    // During the outage: a new thread, a new reply and an edit.
    const during = await postThread(
      t.db,
      author,
      issue.slug,
      { kind: "idea", title: "Pelicanword ramps", body: "Add ramps for beginners." },
      new Date(),
    );
    await postReply(t.db, author, during, { body: "Gannetword agreed." }, new Date());
    await editPost(
      t.db,
      author,
      replyId,
      { body: "Shagword after the edit.", version: 1 },
      { now: new Date(), windowMinutes: 30 },
    );
    const failing = await drainOutbox(t.db, createOutboxHandlers({ search, mail: null }));
    // Notifications still go out; only the search events wait.
    expect(failing.failed).toBe(3);

    const degraded = await searchSite({ db: t.db, search, log }, query("pelicanword"), new Date());
    expect(degraded.mode).toBe("limited");
    expect(degraded.results.hits.map((h) => h.url)).toEqual([`/threads/${during}`]);
    const site = await searchSite({ db: t.db, search, log }, query("shagword"), new Date());
    expect(site.results.total).toBe(1);

    meili = await startLocalMeilisearch({ dataDir, masterKey: MASTER_KEY, port: Number(port) });
    const back = Date.now();
    const caughtUp = async () =>
      (await search.search(query("pelicanword"))).hits.some(
        (h) => h.url === `/threads/${during}`,
      ) &&
      (await search.search(query("gannetword"))).total === 1 &&
      (await search.search(query("shagword"))).total === 1 &&
      (await search.search(query("cormorantword"))).total === 0;
    for (;;) {
      // What the worker's watch and loop do every couple of seconds.
      await releaseStalledSearchSync(t.db, search);
      await drainOutbox(t.db, createOutboxHandlers({ search, mail: null }));
      if (await caughtUp().catch(() => false)) break;
      // A deadline for a busy machine; how fast it catches up is not this test's business.
      if (Date.now() - back > 90_000) throw new Error("search never caught up");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const pending = await t.db
      .selectFrom("outbox")
      .select("id")
      .where("topic", "=", "search.sync")
      .where("done_at", "is", null)
      .execute();
    expect(pending).toEqual([]);
    expect(
      (await searchSite({ db: t.db, search, log }, query("gannetword"), new Date())).mode,
    ).toBe("full");
  }, 150_000);
});
