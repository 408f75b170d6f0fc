/**
 * Keeping Meilisearch in step with PostgreSQL. Every change that affects what search
 * should return writes a `search.sync` outbox event in its own transaction; the worker
 * reloads the entity and upserts or deletes its documents, so replaying an event is
 * harmless. A Meilisearch outage only delays events: they fail, back off, and are
 * released at once when Meilisearch answers again.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import {
  describeAllIssues,
  describeIssue,
  describePost,
  describePosts,
  countPosts,
  type IndexChange,
} from "../domain/search-documents.server";
import type { SearchService } from "../search.server";
import { enqueueEvent, type OutboxEvents } from "./outbox.server";
import type { OutboxEventContext } from "./outbox-worker.server";

export type SearchEntity = OutboxEvents["search.sync"];

/** Records, in the caller's transaction, that an entity's search documents must be redone. */
export async function enqueueSearchSync(
  trx: Transaction<Database>,
  entity: SearchEntity,
): Promise<void> {
  await enqueueEvent(trx, "search.sync", entity);
}

async function apply(search: SearchService, change: IndexChange, uid?: string): Promise<void> {
  await search.upsert(change.upsert, uid);
  await search.remove(change.remove, uid);
}

/** Redoes every post document in a scope (an issue, an author), batch by batch. */
async function syncPosts(
  db: Kysely<Database>,
  search: SearchService,
  scope: { issueId?: number; authorId?: number },
  now: Date,
): Promise<void> {
  let after = 0;
  for (;;) {
    const { change, lastPostId } = await describePosts(db, { ...scope, afterPostId: after }, now);
    await apply(search, change);
    if (lastPostId === null) return;
    after = lastPostId;
  }
}

/** The outbox handler for `search.sync`; without a search service it has nothing to do. */
export function createSearchSyncHandler(search: SearchService | null) {
  return async (
    trx: Transaction<Database>,
    entity: SearchEntity,
    _event: OutboxEventContext,
  ): Promise<void> => {
    if (!search) return;
    const now = new Date();
    if (entity.kind === "post") {
      await apply(search, await describePost(trx, entity.id, now));
    } else if (entity.kind === "issue") {
      // An issue's status, title, area and category appear on all of its documents.
      await apply(search, await describeIssue(trx, entity.id, now));
      await syncPosts(trx, search, { issueId: entity.id }, now);
    } else {
      await syncPosts(trx, search, { authorId: entity.id }, now);
    }
  };
}

/**
 * When search sync has been failing and Meilisearch answers again, makes the waiting
 * events due now instead of at the end of their back-off. Returns how many it released.
 */
export async function releaseStalledSearchSync(
  db: Kysely<Database>,
  search: SearchService,
): Promise<number> {
  const stalled = await db
    .selectFrom("outbox")
    .select("id")
    .where("topic", "=", "search.sync")
    .where("done_at", "is", null)
    .where("attempts", ">", 0)
    .limit(1)
    .execute();
  if (stalled.length === 0 || (await search.checkHealth()) !== "ok") return 0;
  const result = await db
    .updateTable("outbox")
    .set({ run_after: sql`now()` })
    .where("topic", "=", "search.sync")
    .where("done_at", "is", null)
    .where("attempts", ">", 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Rebuilds the index with no downtime: documents go into a new index while searches keep
 * using the live one, then the two are swapped. Sync events that ran meanwhile went to
 * the old index, so they are queued again afterwards (they reload, so that is safe).
 */
export async function rebuildSearchIndex(
  db: Kysely<Database>,
  search: SearchService,
  options: {
    now?: Date;
    /** Posts read from PostgreSQL and sent, of all. */
    onProgress?: (done: number, total: number) => void;
    /** Then Meilisearch's own queue draining: writes still waiting. */
    onIndexing?: (waiting: number) => void;
  } = {},
): Promise<{ documents: number }> {
  const now = options.now ?? new Date();
  const { snapshot } = await db
    .selectFrom("outbox")
    .select(sql<number>`coalesce(max(id), 0)::int`.as("snapshot"))
    .executeTakeFirstOrThrow();
  const buildUid = `${search.indexUid}_build_${Date.now()}`;
  await search.prepareIndex(buildUid);
  const issues = await describeAllIssues(db, now);
  await apply(search, issues, buildUid);
  let documents = issues.upsert.length;
  const total = await countPosts(db);
  let read = 0;
  let after = 0;
  for (;;) {
    const { change, lastPostId } = await describePosts(db, { afterPostId: after }, now);
    await search.upsert(change.upsert, buildUid);
    documents += change.upsert.length;
    read += change.upsert.length + change.remove.length;
    options.onProgress?.(Math.min(read, total), total);
    if (lastPostId === null) break;
    after = lastPostId;
  }
  await search.settle(buildUid, { onProgress: options.onIndexing, requireSuccess: true });
  await search.swapIn(buildUid);
  await sql`insert into outbox (topic, payload)
    select topic, payload from outbox where topic = 'search.sync' and id > ${snapshot}`.execute(db);
  return { documents };
}
