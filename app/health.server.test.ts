import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meilisearchConnection, openTestDatabase } from "../scripts/test-harness/test-context";
import type { TestDatabase } from "../scripts/test-harness/databases";
import { findFreePort } from "../scripts/lib/process-tools";
import { checkHealth } from "./health.server";
import { createSearchService } from "./search.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

describe("health", () => {
  it("is ok when the database and a real Meilisearch both answer", async () => {
    const search = createSearchService(meilisearchConnection());
    expect(await checkHealth({ db: t.db, dbKind: "postgres", search })).toEqual({
      status: "ok",
      database: "ok",
      databaseKind: "postgres",
      search: "ok",
    });
  });

  it("is degraded, not down, when search is unreachable", async () => {
    const search = createSearchService({ url: `http://127.0.0.1:${await findFreePort()}` });
    const health = await checkHealth({ db: t.db, dbKind: "postgres", search });
    expect(health).toMatchObject({ status: "degraded", database: "ok", search: "unreachable" });
  });

  it("says search is disabled when there is none", async () => {
    expect(await checkHealth({ db: t.db, dbKind: "postgres", search: null })).toMatchObject({
      search: "disabled",
    });
  });

  it("is down when the database does not answer", async () => {
    const dead = await openTestDatabase();
    await dead.close();
    const health = await checkHealth({ db: dead.db, dbKind: "postgres", search: null });
    expect(health).toMatchObject({ status: "down", database: "down" });
  });
});
