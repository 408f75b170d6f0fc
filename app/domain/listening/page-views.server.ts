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
      const values = sql.join(
        batch.map(
          (v) => sql`(${v.day}::date, ${v.issueId}::int, ${v.threadId}::int, ${v.views}::int)`,
        ),
      );
      // Only for issues and threads that still exist: one deleted meanwhile loses its
      // counts, not everyone else's.
      await sql`
        insert into page_views_daily (day, issue_id, thread_id, views)
        select v.day, v.issue_id, v.thread_id, v.views
        from (values ${values}) as v (day, issue_id, thread_id, views)
        where exists (select 1 from issues where issues.id = v.issue_id)
          and (v.thread_id is null or exists (select 1 from threads where threads.id = v.thread_id))
        on conflict (day, issue_id, thread_id)
          do update set views = page_views_daily.views + excluded.views`.execute(db);
    } catch (error) {
      // The database away: these counts are let go (they are only counts).
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
