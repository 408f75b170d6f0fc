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
import type { SearchService } from "../search.server";
import type { OutboxHandlers } from "./outbox-worker.server";
import { createSearchSyncHandler } from "./search-sync.server";

/** Every topic's handler; search sync writes to `search`, or does nothing without one. */
export function createOutboxHandlers(search: SearchService | null): OutboxHandlers {
  return { ...notificationHandlers, "search.sync": createSearchSyncHandler(search) };
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
} satisfies Omit<OutboxHandlers, "search.sync">;

/** The handlers with search switched off: for tests about everything else. */
export const outboxHandlers: OutboxHandlers = createOutboxHandlers(null);
