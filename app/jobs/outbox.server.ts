/**
 * The transactional outbox: a domain change writes the events its side effects need in
 * the same transaction, so a side effect happens if and only if the change committed.
 */
import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { SecurityChange } from "../domain/second-factors/authenticator.server";

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
  /** Mail a link that confirms the account's email address. */
  "account.verify_email": { userId: number };
  /** Mail a one-hour, single-use password reset link. */
  "account.reset_password": { userId: number };
  /** Mail a confirmation link to the address the account wants to move to. */
  "account.change_email": { userId: number; newEmail: string };
  /** Someone tried to register with this account's address: tell its holder. */
  "account.registration_attempted": { userId: number };
  /** Tell the (old) address that the password or email changed. */
  "account.changed": { userId: number; change: "password" | "email"; address: string };
  /** Email a notification to its recipient (kinds people chose to get by email). */
  "mail.notification": { notificationId: number };
  /** Tell the account holder a second factor, their recovery codes or their role changed. */
  "account.security_changed": { userId: number; change: SecurityChange };
  /** Compute the analysis workspace's suggestions for an issue (a queued run). */
  "analysis.suggest": { runId: number };
  /** Recompute a stale snapshot of listening figures (figure-snapshots.server.ts). */
  "figures.refresh": { scope: string };
  /** Build the zip of someone's data they asked to download. */
  "privacy.export": { exportId: number };
}

export type OutboxTopic = keyof OutboxEvents;

/** The channel PostgreSQL notifies on commit of a transaction that queued an event. */
export const OUTBOX_CHANNEL = "parley_outbox";

/**
 * Records an event to be handled after this transaction commits, and wakes the workers
 * then: PostgreSQL delivers the notification at commit (never for a rollback) and sends
 * one per transaction however many events it queued.
 */
export async function enqueueEvent<T extends OutboxTopic>(
  trx: Transaction<Database>,
  topic: T,
  payload: OutboxEvents[T],
): Promise<void> {
  await sql`
    with queued as (
      insert into outbox (topic, payload) values (${topic}, ${JSON.stringify(payload)})
      returning id
    )
    select pg_notify(${OUTBOX_CHANNEL}, '') from queued`.execute(trx);
}
