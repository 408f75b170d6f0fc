/** Which handler carries out each outbox topic. */
import {
  fanOutAnswerMarked,
  fanOutClosingSoon,
  fanOutIssueStatusChanged,
  fanOutPostPublished,
  fanOutThreadStarted,
} from "../domain/notifications.server";
import type { OutboxHandlers } from "./outbox-worker.server";

export const outboxHandlers: OutboxHandlers = {
  "post.published": fanOutPostPublished,
  "thread.started": fanOutThreadStarted,
  "answer.marked": fanOutAnswerMarked,
  "issue.closing_soon": fanOutClosingSoon,
  "issue.status_changed": fanOutIssueStatusChanged,
};
