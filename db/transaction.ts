/**
 * The one way Parley opens a transaction. PostgreSQL may roll a transaction back to
 * break a deadlock (40P01) or a serialization conflict (40001); such a transaction did
 * nothing, so it is run again, a few times, after a short random pause.
 *
 * The callback may therefore run more than once: it must only touch the database
 * through `trx`. Side effects (mail, search, notifications) go through the outbox,
 * which commits with the transaction, so a retry never repeats them.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Kysely, Transaction } from "kysely";
import { isRetryableTransactionError } from "./errors";

export const TRANSACTION_ATTEMPTS = 4;

export async function runTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      // Jitter, growing with each attempt, so the two sides of a deadlock do not collide again.
      await sleep(Math.random() * 20 * attempt);
    }
  }
}
