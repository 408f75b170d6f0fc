/** Which handler carries out each outbox topic. */
import {
  fanOutAnswerMarked,
  fanOutClosingSoon,
  fanOutIssueStatusChanged,
  fanOutPostPublished,
  fanOutThreadStarted,
} from "../domain/notifications.server";
import {
  fanOutAutoHidden,
  fanOutEscalation,
  fanOutModerationDecision,
  fanOutSanction,
} from "../domain/moderation-notices.server";
import { fanOutOutcomePublished, fanOutOutcomeUpdated } from "../domain/outcome-notices.server";
import { buildDataExport } from "../domain/data-export.server";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { computeSuggestions } from "../domain/analysis/suggestion-runs.server";
import { resolveFigureScope } from "../domain/listening/figure-scopes.server";
import { refreshFigureSnapshot } from "../domain/listening/figure-snapshots.server";
import type { SearchService } from "../search.server";
import { createAccountMailHandlers } from "./account-mail.server";
import type { MailDelivery } from "./mail-delivery.server";
import { createNotificationMailHandler } from "./notification-mail.server";
import type { OutboxHandlers } from "./outbox-worker.server";
import { createSearchSyncHandler } from "./search-sync.server";

export interface OutboxDependencies {
  /** Search sync writes here; without it, sync events are done with nothing to do. */
  search: SearchService | null;
  /** Mail goes out through this; without it, mail events are done unsent (tests of other things). */
  mail: MailDelivery | null;
  /**
   * Long jobs (analysis suggestions) write their progress here, outside the event's
   * transaction, so that people see it advance; without it they report only the end.
   */
  progress?: Kysely<Database> | null;
}

/** Every topic's handler. */
export function createOutboxHandlers({
  search,
  mail,
  progress = null,
}: OutboxDependencies): OutboxHandlers {
  return {
    "analysis.suggest": (trx, { runId }) =>
      computeSuggestions(trx, runId, progress, () => new Date()),
    "figures.refresh": (trx, { scope }) =>
      refreshFigureSnapshot(trx, scope, resolveFigureScope, new Date()),
    ...notificationHandlers,
    ...createAccountMailHandlers(mail),
    "mail.notification": createNotificationMailHandler(mail),
    "privacy.export": (trx, { exportId }) => buildDataExport(trx, exportId, new Date()),
    "search.sync": createSearchSyncHandler(search),
  };
}

const notificationHandlers = {
  "post.published": fanOutPostPublished,
  "thread.started": fanOutThreadStarted,
  "answer.marked": fanOutAnswerMarked,
  "issue.closing_soon": fanOutClosingSoon,
  "issue.status_changed": fanOutIssueStatusChanged,
  "moderation.auto_hidden": fanOutAutoHidden,
  "moderation.decided": fanOutModerationDecision,
  "moderation.escalated": fanOutEscalation,
  "user.sanctioned": fanOutSanction,
  "outcome.published": fanOutOutcomePublished,
  "outcome.updated": fanOutOutcomeUpdated,
} satisfies Partial<OutboxHandlers>;

/** The handlers with search and mail switched off: for tests about everything else. */
export const outboxHandlers: OutboxHandlers = createOutboxHandlers({ search: null, mail: null });
