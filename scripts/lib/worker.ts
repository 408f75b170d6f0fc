/**
 * The background worker: outbox side effects (notifications, search sync, listening
 * figures), the every-minute issue schedule and tidy-ups, and a watch that releases search sync the moment
 * Meilisearch answers again after an outage.
 */
import type { Kysely } from "kysely";
import { createOutboxHandlers } from "../../app/jobs/handlers.server";
import { enqueueDueIssueEvents } from "../../app/jobs/issue-schedule.server";
import { recountDueParticipation } from "../../app/domain/issue-participation.server";
import { pruneContentChanges } from "../../app/domain/open-data/open-data-version.server";
import { dropUnusedSnapshots } from "../../app/domain/listening/figure-snapshots.server";
import { startOutboxWorker, type RunningWorker } from "../../app/jobs/outbox-worker.server";
import { releaseStalledSearchSync } from "../../app/jobs/search-sync.server";
import type { Logger } from "../../app/log.server";
import type { OutboxDependencies } from "../../app/jobs/handlers.server";
import type { Database } from "../../db/schema";
import type { DatabaseHandle } from "../../db/connect";
import { OUTBOX_CHANNEL } from "../../app/jobs/outbox.server";

const SEARCH_WATCH_MS = 2_000;

/** Without notifications, how often the worker looks for new events. */
const POLL_MS = 500;
/** With them, it looks anyway this often: for retries that come due. */
const POLL_MS_WHEN_NOTIFIED = 5_000;

export function startWorker(
  db: Kysely<Database>,
  log: Logger,
  dependencies: OutboxDependencies,
  /** Wakes the worker on each commit that queued events (DatabaseHandle.listen). */
  listen?: DatabaseHandle["listen"],
): RunningWorker {
  const { search } = dependencies;
  const worker = startOutboxWorker({
    db,
    handlers: createOutboxHandlers({ progress: db, ...dependencies }),
    log,
    pollMs: listen ? POLL_MS_WHEN_NOTIFIED : POLL_MS,
    listen: listen && ((onNotify) => listen(OUTBOX_CHANNEL, onNotify)),
    tickMs: 60_000,
    tick: async (now) => {
      const due = await enqueueDueIssueEvents(db, now);
      if (due.opened || due.closingSoon || due.closed)
        log.info(due, "issue schedule events queued");
      await recountDueParticipation(db, now);
      await pruneContentChanges(db, now);
      await dropUnusedSnapshots(db, now);
    },
  });
  let watching = Promise.resolve();
  const watch = search
    ? setInterval(() => {
        watching = releaseStalledSearchSync(db, search)
          .then((released) => {
            if (released) log.info({ released }, "search is back: sync events released");
          })
          .catch((error: unknown) => log.warn({ err: error }, "search watch failed"));
      }, SEARCH_WATCH_MS)
    : null;
  return {
    async stop() {
      if (watch) clearInterval(watch);
      await watching;
      await worker.stop();
    },
  };
}
