/**
 * Figure snapshots (read one row, recomputed by the worker when stale) and the page
 * view counter (daily aggregate counts, nothing personal), on a real PostgreSQL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../scripts/test-harness/databases";
import { makeIssue } from "../../../scripts/test-harness/factories";
import { openTestDatabase } from "../../../scripts/test-harness/test-context";
import { outboxHandlers } from "../../jobs/handlers.server";
import { drainOutbox } from "../../jobs/outbox-worker.server";
import { figureScopeKey, resolveFigureScope } from "./figure-scopes.server";
import {
  countRefreshesRequested,
  dropUnusedSnapshots,
  readFigureSnapshot,
} from "./figure-snapshots.server";
import { createPageViewCounter } from "./page-views.server";

let t: TestDatabase;
const MINUTE = 60_000;
const start = new Date("2026-11-30T12:00:00Z");
let computed = 0;
/** A computation that says how many times it ran. */
const counting = async () => ({ run: ++computed });

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  computed = 0;
  await t.db.deleteFrom("figure_snapshots").execute();
  await t.db.deleteFrom("outbox").execute();
});

const read = (now: Date, maxAgeMs = 15 * MINUTE, scope = "test-scope") =>
  readFigureSnapshot(t.db, { scope, compute: counting, now, maxAgeMs });

describe("figure snapshots", () => {
  it("the first read computes and keeps; later reads within the age read the kept one", async () => {
    expect(await read(start)).toEqual({ figures: { run: 1 }, computedAt: start });
    const later = await read(new Date(start.getTime() + 14 * MINUTE));
    expect(later).toEqual({ figures: { run: 1 }, computedAt: start });
    expect(computed).toBe(1);
    expect(await countRefreshesRequested(t.db)).toBe(0);
  });

  it("a stale snapshot is served at once and one refresh is queued, however many read it", async () => {
    await read(start);
    const stale = new Date(start.getTime() + 20 * MINUTE);
    for (let i = 0; i < 5; i++) expect((await read(stale)).figures).toEqual({ run: 1 });
    const queued = await t.db.selectFrom("outbox").select(["topic", "payload"]).execute();
    expect(queued).toEqual([{ topic: "figures.refresh", payload: { scope: "test-scope" } }]);
    expect(computed).toBe(1);
  });

  it("the worker recomputes a real scope; an unreadable scope is dropped", async () => {
    const key = figureScopeKey({
      kind: "public",
      period: "3m",
      areaId: null,
      responseWeeks: 12,
      unansweredDays: 5,
    });
    const compute = resolveFigureScope(key)!;
    await readFigureSnapshot(t.db, { scope: key, compute, now: start, maxAgeMs: MINUTE });
    await read(start, MINUTE, "not json");
    const stale = new Date(Date.now() + 60 * MINUTE);
    await readFigureSnapshot(t.db, { scope: key, compute, now: stale, maxAgeMs: MINUTE });
    await read(stale, MINUTE, "not json");
    await drainOutbox(t.db, outboxHandlers);
    const rows = await t.db
      .selectFrom("figure_snapshots")
      .select(["scope", "computed_at", "refresh_requested_at"])
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.scope).toBe(key);
    expect(rows[0]!.computed_at.getTime()).toBeGreaterThan(start.getTime());
    expect(rows[0]!.refresh_requested_at).toBeNull();
  });

  it("a snapshot of an earlier release's shape is never read, and expires after a day unread", async () => {
    const current = figureScopeKey({
      kind: "public",
      period: "3m",
      areaId: null,
      responseWeeks: 12,
      unansweredDays: 5,
    });
    const earlier = current.replace(/"version":\d+/, '"version":1');
    expect(earlier).not.toBe(current);
    expect(resolveFigureScope(earlier)).toBeNull();
    await read(start, MINUTE, earlier);
    await dropUnusedSnapshots(t.db, new Date(start.getTime() + 25 * 60 * MINUTE));
    expect(await t.db.selectFrom("figure_snapshots").selectAll().execute()).toEqual([]);
  });

  it("with a maximum age of 0 every read counts live and nothing is kept", async () => {
    await read(start, 0);
    await read(start, 0);
    expect(computed).toBe(2);
    expect(await t.db.selectFrom("figure_snapshots").selectAll().execute()).toEqual([]);
  });
});

describe("page view counts", () => {
  it("adds views per day, issue and thread; crawlers are not counted; nothing else is kept", async () => {
    const issue = await makeIssue(t.db);
    const errors: unknown[] = [];
    const counter = createPageViewCounter(t.db, (error) => errors.push(error));
    const browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";
    const day1 = new Date("2026-11-29T23:30:00Z"); // 23:30 in London (GMT): the 29th
    const day2 = new Date("2026-11-30T00:30:00Z");
    for (let i = 0; i < 3; i++)
      counter.count({ issueId: issue.id, threadId: null, userAgent: browser }, day1);
    counter.count({ issueId: issue.id, threadId: null, userAgent: "Googlebot/2.1" }, day1);
    counter.count({ issueId: issue.id, threadId: null, userAgent: null }, day2);
    await counter.flush();
    counter.count({ issueId: issue.id, threadId: null, userAgent: browser }, day2);
    await counter.stop();
    const rows = await t.db
      .selectFrom("page_views_daily")
      .select((eb) => [
        eb.fn<string>("to_char", ["day", eb.val("YYYY-MM-DD")]).as("day"),
        "thread_id",
        "views",
      ])
      .where("issue_id", "=", issue.id)
      .orderBy("day")
      .execute();
    expect(rows).toEqual([
      { day: "2026-11-29", thread_id: null, views: 3 },
      { day: "2026-11-30", thread_id: null, views: 2 },
    ]);
    expect(errors).toEqual([]);
  });

  it("a count for an issue deleted meanwhile is let go, and the others are still written", async () => {
    const kept = await makeIssue(t.db);
    const errors: unknown[] = [];
    const counter = createPageViewCounter(t.db, (error) => errors.push(error));
    counter.count({ issueId: kept.id, threadId: null, userAgent: null });
    counter.count({ issueId: 2_000_000_000, threadId: null, userAgent: null });
    await counter.stop();
    expect(errors).toEqual([]);
    const rows = await t.db
      .selectFrom("page_views_daily")
      .select(["issue_id", "views"])
      .where("issue_id", "in", [kept.id, 2_000_000_000])
      .execute();
    expect(rows).toEqual([{ issue_id: kept.id, views: 1 }]);
  });
});
