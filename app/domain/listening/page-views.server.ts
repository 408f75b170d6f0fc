/**
 * Views of an issue's page and its threads' pages, counted on the server for the
 * participation funnel. No cookie, no address, no account: a view adds one to a count
 * for the day (UK date), the issue and the thread, and nothing else is kept. Counts are
 * gathered in memory and written every few seconds in one statement, so a page view
 * never waits for a write; a crash loses at most those seconds of counts.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { londonDate } from "../uk-calendar";

const FLUSH_MS = 5_000;
/** Crawlers are not readers. */
const CRAWLER = /bot|crawl|spider|slurp|facebookexternalhit|preview/i;

export interface PageViewCounter {
  /** One view of an issue's page (threadId null) or of one of its threads. */
  count(
    view: { issueId: number; threadId: number | null; userAgent: string | null },
    now?: Date,
  ): void;
  /** Writes what was counted; also runs by itself every few seconds. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createPageViewCounter(
  db: Kysely<Database>,
  onError: (error: unknown) => void,
): PageViewCounter {
  let pending = new Map<
    string,
    { day: string; issueId: number; threadId: number | null; views: number }
  >();
  let flushing: Promise<void> = Promise.resolve();

  async function write() {
    if (!pending.size) return;
    const batch = [...pending.values()];
    pending = new Map();
    // One order for rows, so two processes' flushes never deadlock on each other.
    batch.sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        a.issueId - b.issueId ||
        (a.threadId ?? 0) - (b.threadId ?? 0),
    );
    try {
      await db
        .insertInto("page_views_daily")
        .values(
          batch.map((v) => ({
            day: v.day,
            issue_id: v.issueId,
            thread_id: v.threadId,
            views: v.views,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["day", "issue_id", "thread_id"]).doUpdateSet({
            views: sql`page_views_daily.views + excluded.views`,
          }),
        )
        .execute();
    } catch (error) {
      // A thread deleted meanwhile, or the database away: these counts are let go.
      onError(error);
    }
  }

  const flush = () => (flushing = flushing.then(write));
  const timer = setInterval(() => void flush(), FLUSH_MS);
  timer.unref();

  return {
    count({ issueId, threadId, userAgent }, now = new Date()) {
      if (userAgent && CRAWLER.test(userAgent)) return;
      const day = londonDate(now);
      const key = `${day}|${issueId}|${threadId ?? ""}`;
      const entry = pending.get(key);
      if (entry) entry.views += 1;
      else pending.set(key, { day, issueId, threadId, views: 1 });
    },
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
