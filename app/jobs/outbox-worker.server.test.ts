/**
 * The worker wakes when a transaction that queued an event commits, through PostgreSQL's
 * LISTEN/NOTIFY, instead of finding it on its next poll: search and notifications follow
 * a write without the poll's delay. The poll here is ten minutes, so only the
 * notification can explain the event being handled within the deadline.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "../../db/connect";
import { runTransaction } from "../../db/transaction";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import { waitFor } from "../../scripts/lib/process-tools";
import { createLogger } from "../log.server";
import { createOutboxHandlers } from "./handlers.server";
import { OUTBOX_CHANNEL, enqueueEvent } from "./outbox.server";
import { startOutboxWorker } from "./outbox-worker.server";

let t: TestDatabase;
let handle: DatabaseHandle | null = null;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-outbox-"));

beforeAll(async () => {
  t = await openTestDatabase();
  if (t.url) handle = await connectDatabase({ databaseUrl: t.url, dataDir });
});
afterAll(async () => {
  await handle?.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Longer than any test runs: a worker that only polls would not look again in time. */
const POLL_NEVER_MS = 10 * 60_000;

describe("the outbox worker", () => {
  it("handles an event as soon as the transaction that queued it commits", async () => {
    if (!handle) return; // PGlite: one process, covered by npm start
    const db = handle.db;
    const listen = handle.listen;
    const worker = startOutboxWorker({
      db,
      handlers: createOutboxHandlers({ search: null, mail: null }),
      log: createLogger("silent"),
      pollMs: POLL_NEVER_MS,
      listen: (onNotify) => listen(OUTBOX_CHANNEL, onNotify),
    });
    try {
      // Let the worker's first look (at start) pass, so the event below finds it asleep.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const eventId = await runTransaction(db, async (trx) => {
        await enqueueEvent(trx, "search.sync", { kind: "issue", id: 1 });
        const row = await trx
          .selectFrom("outbox")
          .select("id")
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirstOrThrow();
        return row.id;
      });
      await waitFor(
        async () =>
          (
            await db
              .selectFrom("outbox")
              .select("done_at")
              .where("id", "=", eventId)
              .executeTakeFirstOrThrow()
          ).done_at !== null,
        { timeoutMs: 60_000, what: "the worker to handle the event" },
      );
    } finally {
      await worker.stop();
    }
  });

  it("queues nothing when the transaction rolls back", async () => {
    if (!handle) return;
    const db = handle.db;
    const before = await db.selectFrom("outbox").select("id").execute();
    await expect(
      runTransaction(db, async (trx) => {
        await enqueueEvent(trx, "search.sync", { kind: "issue", id: 2 });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.selectFrom("outbox").select("id").execute()).toEqual(before);
  });
});
