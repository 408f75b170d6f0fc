/**
 * Listening figures are counted over every public post of a period: about a second at a
 * million posts, far too slow for a page. So each scope's figures are kept as a snapshot
 * (one row), read in a millisecond, and recomputed by the worker once they are older
 * than the configured age. A reader of a stale snapshot gets it at once, with the time
 * it was computed, and asks the worker for a fresh one (once, however many readers).
 * Only a scope never asked for before is computed while its first reader waits.
 *
 * Figures over months move little in fifteen minutes; the page says when they were
 * counted. With a maximum age of 0 every read counts live (tests, small sites).
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { enqueueEvent } from "../../jobs/outbox.server";

/** A refresh asked for but not done after this long is asked for again (a lost worker). */
const REFRESH_RETRY_MS = 10 * 60_000;
const UNUSED_AFTER_MS = 24 * 60 * 60_000;

export interface Snapshot<T> {
  figures: T;
  computedAt: Date;
}

/** What a scope's figures are computed by: the key says which computation and its inputs. */
export type FigureComputation<T> = (db: Kysely<Database>, now: Date) => Promise<T>;

export interface SnapshotRequest<T> {
  /** Stable across processes: the worker finds the computation again from it. */
  scope: string;
  compute: FigureComputation<T>;
  now: Date;
  maxAgeMs: number;
}

async function storeSnapshot(
  db: Kysely<Database>,
  scope: string,
  figures: unknown,
  computedAt: Date,
): Promise<void> {
  await db
    .insertInto("figure_snapshots")
    .values({ scope, figures: JSON.stringify(figures), computed_at: computedAt })
    .onConflict((oc) =>
      oc.column("scope").doUpdateSet({
        figures: JSON.stringify(figures),
        computed_at: computedAt,
        refresh_requested_at: null,
      }),
    )
    .execute();
}

/** The scope's figures: the snapshot when fresh; stale, while the worker redoes it; or live. */
export async function readFigureSnapshot<T>(
  db: Kysely<Database>,
  request: SnapshotRequest<T>,
): Promise<Snapshot<T>> {
  const { scope, compute, now, maxAgeMs } = request;
  if (maxAgeMs <= 0) return { figures: await compute(db, now), computedAt: now };
  const row = await db
    .selectFrom("figure_snapshots")
    .select(["figures", "computed_at"])
    .where("scope", "=", scope)
    .executeTakeFirst();
  if (!row) {
    const figures = await compute(db, now);
    await storeSnapshot(db, scope, figures, now);
    return { figures, computedAt: now };
  }
  if (now.getTime() - row.computed_at.getTime() > maxAgeMs) await requestRefresh(db, scope, now);
  return { figures: row.figures as T, computedAt: row.computed_at };
}

/** Queues one refresh of the scope, unless one is already queued and recent. */
async function requestRefresh(db: Kysely<Database>, scope: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("figure_snapshots")
      .set({ refresh_requested_at: now })
      .where("scope", "=", scope)
      .where((eb) =>
        eb.or([
          eb("refresh_requested_at", "is", null),
          eb("refresh_requested_at", "<", new Date(now.getTime() - REFRESH_RETRY_MS)),
        ]),
      )
      .returning("scope")
      .executeTakeFirst();
    if (claimed) await enqueueEvent(trx, "figures.refresh", { scope });
  });
}

/**
 * The worker's side: recompute a scope's snapshot. `resolve` turns the scope back into
 * its computation; a scope nobody can compute any more (an area deleted) is dropped.
 */
export async function refreshFigureSnapshot(
  trx: Transaction<Database>,
  scope: string,
  resolve: (scope: string) => FigureComputation<unknown> | null,
  now: Date,
): Promise<void> {
  const compute = resolve(scope);
  if (!compute) {
    await trx.deleteFrom("figure_snapshots").where("scope", "=", scope).execute();
    return;
  }
  await storeSnapshot(trx, scope, await compute(trx, now), now);
}

/**
 * The worker's tidy-up: a snapshot nobody has read for a day (a read of a stale one
 * refreshes it) belongs to a scope nobody asks for, or to an earlier release's shape.
 */
export async function dropUnusedSnapshots(db: Kysely<Database>, now: Date): Promise<void> {
  await db
    .deleteFrom("figure_snapshots")
    .where("computed_at", "<", new Date(now.getTime() - UNUSED_AFTER_MS))
    .execute();
}

/** For tests and the bench: how many snapshots are waiting for the worker. */
export async function countRefreshesRequested(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom("figure_snapshots")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("refresh_requested_at", "is not", null)
    .executeTakeFirstOrThrow();
  return n;
}
