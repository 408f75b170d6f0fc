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
import type { OutboxHandlers } from "./outbox-worker.server";

export const outboxHandlers: OutboxHandlers = {
  "post.published": fanOutPostPublished,
  "thread.started": fanOutThreadStarted,
  "answer.marked": fanOutAnswerMarked,
  "issue.closing_soon": fanOutClosingSoon,
  "issue.status_changed": fanOutIssueStatusChanged,
  "moderation.auto_hidden": fanOutAutoHidden,
  "moderation.decided": fanOutModerationDecision,
  "moderation.escalated": fanOutEscalation,
  "user.sanctioned": fanOutSanction,
};
