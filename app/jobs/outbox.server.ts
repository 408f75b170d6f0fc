/**
 * The transactional outbox: a domain change writes the events its side effects need in
 * the same transaction, so a side effect happens if and only if the change committed.
 */
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";

export interface OutboxEvents {
  /** A post became public (fan-out: replies to you). */
  "post.published": { postId: number };
  /** A thread became public (fan-out: issue followers). */
  "thread.started": { threadId: number };
  /** An officer marked an official answer (fan-out: thread followers). */
  "answer.marked": { threadId: number; postId: number };
  /** An issue closes within 48 hours (fan-out: issue followers). */
  "issue.closing_soon": { issueId: number };
  /** An issue's phase changed: opened, closed, responded (fan-out: issue followers). */
  "issue.status_changed": { issueId: number; phase: string };
  /** Flags hid a post until a moderator decides (tell its author). */
  "moderation.auto_hidden": { itemId: number };
  /** A moderator decided an item (tell the author, and flaggers how their flag ended). */
  "moderation.decided": { itemId: number };
  /** A moderator asked an officer for advice on an item (tell the officer). */
  "moderation.escalated": { itemId: number };
  /** A moderator warned, suspended or banned someone, or lifted it (tell them). */
  "user.sanctioned": { sanctionId: number; lifted: boolean };
  /** Search documents of an entity must be redone: a post, an issue (and all its posts), or an author's posts. */
  "search.sync": { kind: "post" | "issue" | "author"; id: number };
  /** An outcome was published (tell followers, participants and cited authors). */
  "outcome.published": { outcomeId: number };
  /** A published outcome's status or progress changed (tell the same people). */
  "outcome.updated": { outcomeId: number };
}

export type OutboxTopic = keyof OutboxEvents;

/** Records an event to be handled after this transaction commits. */
export async function enqueueEvent<T extends OutboxTopic>(
  trx: Transaction<Database>,
  topic: T,
  payload: OutboxEvents[T],
): Promise<void> {
  await trx
    .insertInto("outbox")
    .values({ topic, payload: JSON.stringify(payload) })
    .execute();
}
