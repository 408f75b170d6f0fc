/**
 * Drains the outbox: one event per transaction, claimed with FOR UPDATE SKIP LOCKED so
 * any number of workers can run side by side without doing an event twice. A handler's
 * database writes commit together with the "done" mark, so a crash mid-event leaves
 * nothing half done: the event is simply taken again. Failures back off exponentially.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Logger } from "../log.server";
import type { OutboxEvents, OutboxTopic } from "./outbox.server";
import { runTransaction } from "../../db/transaction";

export interface OutboxEventContext {
  /** The outbox row's id: unique per event, the key that makes handlers idempotent. */
  eventId: number;
  createdAt: Date;
}

export type OutboxHandlers = {
  [T in OutboxTopic]: (
    trx: Transaction<Database>,
    payload: OutboxEvents[T],
    event: OutboxEventContext,
  ) => Promise<void>;
};

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** 5 s, 10 s, 20 s, … capped at an hour. */
export function backoffAfter(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export type EventOutcome = "done" | "failed" | "empty";

/** Claims and handles the oldest due event, if any. */
export async function processNextEvent(
  db: Kysely<Database>,
  handlers: OutboxHandlers,
  now: Date,
  log?: Logger,
): Promise<EventOutcome> {
  let claimed: { id: number; topic: string; attempts: number } | undefined;
  try {
    return await runTransaction(db, async (trx) => {
      const row = await trx
        .selectFrom("outbox")
        .select(["id", "topic", "payload", "attempts", "created_at"])
        .where("done_at", "is", null)
        .where("run_after", "<=", now)
        .orderBy("run_after")
        .orderBy("id")
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return "empty";
      claimed = row;
      const handler = handlers[row.topic as OutboxTopic] as
        | ((
            trx: Transaction<Database>,
            payload: unknown,
            event: OutboxEventContext,
          ) => Promise<void>)
        | undefined;
      if (!handler) throw new Error(`No handler for outbox topic "${row.topic}"`);
      await handler(trx, row.payload, { eventId: row.id, createdAt: row.created_at });
      await trx.updateTable("outbox").set({ done_at: now }).where("id", "=", row.id).execute();
      return "done";
    });
  } catch (error) {
    if (!claimed) throw error;
    // The handler's writes rolled back with the transaction; record the failure and retry later.
    const attempts = claimed.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    log?.warn(
      { eventId: claimed.id, topic: claimed.topic, attempts, err: error },
      "outbox event failed",
    );
    await db
      .updateTable("outbox")
      .set({
        attempts,
        last_error: message.slice(0, 2_000),
        run_after: new Date(now.getTime() + backoffAfter(attempts)),
      })
      .where("id", "=", claimed.id)
      .execute();
    return "failed";
  }
}

/** Handles due events until none are left (or `max` were tried). */
export async function drainOutbox(
  db: Kysely<Database>,
  handlers: OutboxHandlers,
  options: { now?: () => Date; max?: number; log?: Logger } = {},
): Promise<{ done: number; failed: number }> {
  const now = options.now ?? (() => new Date());
  const tally = { done: 0, failed: 0 };
  for (let i = 0; i < (options.max ?? 1_000); i++) {
    const outcome = await processNextEvent(db, handlers, now(), options.log);
    if (outcome === "empty") break;
    tally[outcome]++;
  }
  return tally;
}

/** How many events wait, and how old the oldest is: for /healthz and operators. */
export async function outboxBacklog(
  db: Kysely<Database>,
): Promise<{ pending: number; oldest: Date | null }> {
  const row = await db
    .selectFrom("outbox")
    .select([
      sql<number>`count(*)::int`.as("pending"),
      sql<Date | null>`min(created_at)`.as("oldest"),
    ])
    .where("done_at", "is", null)
    .executeTakeFirstOrThrow();
  return { pending: row.pending, oldest: row.oldest };
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * Runs the worker loop in this process: drain, then run the scheduled `tick` at most
 * every `tickMs`, then sleep until `listen` reports a commit that queued events, or
 * `pollMs` at the latest (for retries that come due, and notifications missed while the
 * database was away). `stop()` lets the current event finish.
 */
export function startOutboxWorker(options: {
  db: Kysely<Database>;
  handlers: OutboxHandlers;
  log: Logger;
  pollMs?: number;
  tickMs?: number;
  tick?: (now: Date) => Promise<void>;
  listen?: (onNotify: () => void) => Promise<() => Promise<void>>;
}): RunningWorker {
  let stopped = false;
  let wake: (() => void) | null = null;
  // A notification that arrives mid-drain means another look once this one is done.
  let woken = false;
  let lastTick = 0;
  const listening = options
    .listen?.(() => {
      woken = true;
      wake?.();
    })
    .catch((error: unknown) => {
      options.log.warn({ err: error }, "could not listen for outbox commits; polling only");
      return null;
    });
  const loop = (async () => {
    while (!stopped) {
      try {
        const now = Date.now();
        if (options.tick && now - lastTick >= (options.tickMs ?? 60_000)) {
          lastTick = now;
          await options.tick(new Date(now));
        }
        await drainOutbox(options.db, options.handlers, { log: options.log, max: 100 });
      } catch (error) {
        options.log.error({ err: error }, "outbox worker loop failed; retrying");
      }
      if (stopped) break;
      if (woken) {
        woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 500);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      woken = false;
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await (
        await listening
      )?.();
    },
  };
}
