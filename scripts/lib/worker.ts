/** The background worker: outbox side effects plus the every-minute issue schedule. */
import type { Kysely } from "kysely";
import { outboxHandlers } from "../../app/jobs/handlers.server";
import { enqueueDueIssueEvents } from "../../app/jobs/issue-schedule.server";
import { startOutboxWorker, type RunningWorker } from "../../app/jobs/outbox-worker.server";
import type { Logger } from "../../app/log.server";
import type { Database } from "../../db/schema";

export function startWorker(db: Kysely<Database>, log: Logger): RunningWorker {
  return startOutboxWorker({
    db,
    handlers: outboxHandlers,
    log,
    pollMs: 500,
    tickMs: 60_000,
    tick: async (now) => {
      const due = await enqueueDueIssueEvents(db, now);
      if (due.closingSoon || due.closed) log.info(due, "issue schedule events queued");
    },
  });
}
