import { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";
import { openTestDatabase } from "../scripts/test-harness/test-context";
import type { TestDatabase } from "../scripts/test-harness/databases";
import { verifyCredentials } from "../app/domain/users.server";
import { DEMO_ACCOUNTS } from "./accounts";
import { isDatabaseEmpty, seedDemoCouncil, seedVolume } from "./demo-council";

const NOW = new Date("2026-11-23T09:00:00Z");

async function census(db: Kysely<Database>) {
  const count = async (table: "areas" | "categories" | "issues" | "threads" | "posts") =>
    (
      await db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow()
    ).n;
  const statuses = await db.selectFrom("issues").select("status").distinct().execute();
  return {
    areas: await count("areas"),
    categories: await count("categories"),
    issues: await count("issues"),
    threads: await count("threads"),
    posts: await count("posts"),
    statuses: statuses.map((s) => s.status).sort(),
  };
}

describe("the Northbridge demo council on PostgreSQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  it("seeds a lived-in council: wards, categories, issues in every state, threads and posts", async () => {
    expect(await isDatabaseEmpty(t.db)).toBe(true);
    const counts = await seedDemoCouncil(t.db, { now: NOW });
    const seen = await census(t.db);
    expect(seen.areas).toBeGreaterThanOrEqual(6);
    expect(seen.categories).toBe(8);
    expect(seen.issues).toBeGreaterThanOrEqual(12);
    expect(seen.statuses).toEqual(["closed", "draft", "open", "responded"]);
    expect(seen.threads).toBeGreaterThanOrEqual(60);
    expect(seen.posts).toBeGreaterThanOrEqual(400);
    expect(counts.posts).toBe(seen.posts);
    expect(await isDatabaseEmpty(t.db)).toBe(false);
  });

  it("has an upcoming issue and an open one besides those stored as open", async () => {
    const rows = await t.db
      .selectFrom("issues")
      .select(["opens_at", "closes_at", "status"])
      .execute();
    expect(rows.some((r) => r.status === "open" && r.opens_at > NOW)).toBe(true);
    expect(rows.some((r) => r.status === "open" && r.opens_at <= NOW && r.closes_at > NOW)).toBe(
      true,
    );
  });

  it("keeps every thread's reply count and last activity true to its posts", async () => {
    const mismatches = await sql<{ id: number }>`
      select t.id from threads t
      join lateral (select count(*)::int as n, max(created_at) as last from posts p
        where p.thread_id = t.id and p.status = 'published') p on true
      where t.reply_count <> p.n - 1 or t.last_post_at <> p.last`.execute(t.db);
    expect(mismatches.rows).toEqual([]);
  });

  it("lets each demo account sign in with its documented password", async () => {
    for (const account of DEMO_ACCOUNTS) {
      expect(await verifyCredentials(t.db, account.email, account.password)).not.toBeNull();
    }
  });

  it("adds volume with numbered copies for benchmarks", async () => {
    const before = await census(t.db);
    const added = await seedVolume(t.db, { copies: 2, now: NOW });
    const after = await census(t.db);
    expect(after.issues).toBe(before.issues * 3);
    expect(after.posts).toBe(before.posts + added.posts);
    const slugs = await t.db
      .selectFrom("issues")
      .select("slug")
      .where("slug", "like", "resurfacing-mill-lane%")
      .execute();
    expect(slugs.map((s) => s.slug).sort()).toEqual([
      "resurfacing-mill-lane",
      "resurfacing-mill-lane-2",
      "resurfacing-mill-lane-3",
    ]);
  });
});

describe("the same migrations and seed on PGlite (what npm start uses)", () => {
  it("migrates and seeds an embedded database identically", async () => {
    const pglite = await PGlite.create();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    try {
      await migrateToLatest(db);
      await seedDemoCouncil(db, { now: NOW });
      const seen = await census(db);
      expect(seen.threads).toBeGreaterThanOrEqual(60);
      expect(seen.posts).toBeGreaterThanOrEqual(400);
      // A second run finds nothing to do.
      expect((await migrateToLatest(db)).applied).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});

describe("ideas and questions in the demo", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await seedDemoCouncil(t.db, { now: NOW });
  });
  afterAll(() => t.close());

  it("gives ideas supporters that match their counts, and never their own author", async () => {
    const ideas = await t.db
      .selectFrom("threads")
      .select(["id", "support_count", "author_id"])
      .where("kind", "=", "idea")
      .execute();
    expect(ideas.some((idea) => idea.support_count > 0)).toBe(true);
    for (const idea of ideas) {
      const supports = await t.db
        .selectFrom("supports")
        .select("user_id")
        .where("thread_id", "=", idea.id)
        .execute();
      expect(supports).toHaveLength(idea.support_count);
      expect(supports.map((s) => s.user_id)).not.toContain(idea.author_id);
    }
  });

  it("answers questions with a staff reply from the same thread", async () => {
    const answered = await t.db
      .selectFrom("threads")
      .innerJoin("posts", "posts.id", "threads.answered_post_id")
      .select(["threads.id", "posts.thread_id", "posts.is_staff", "threads.kind"])
      .execute();
    expect(answered.length).toBeGreaterThan(0);
    for (const row of answered)
      expect([row.kind, row.thread_id, row.is_staff]).toEqual(["question", row.id, true]);
  });
});

describe("announcements and notifications in the demo", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await seedDemoCouncil(t.db, { now: NOW });
  });
  afterAll(() => t.close());

  it("has announcements of every scope and severity, live and withdrawn", async () => {
    const rows = await t.db
      .selectFrom("announcements")
      .select(["scope", "severity", "withdrawn_at"])
      .execute();
    expect(new Set(rows.map((r) => r.scope))).toEqual(new Set(["site", "area", "issue"]));
    expect(new Set(rows.map((r) => r.severity))).toEqual(
      new Set(["information", "warning", "urgent"]),
    );
    expect(rows.some((r) => r.withdrawn_at !== null)).toBe(true);
  });

  it("gives the demo resident follows and both read and unread notifications", async () => {
    const resident = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "resident@northbridge.example")
      .executeTakeFirstOrThrow();
    const notes = await t.db
      .selectFrom("notifications")
      .select("read_at")
      .where("user_id", "=", resident.id)
      .execute();
    expect(notes.some((n) => n.read_at === null)).toBe(true);
    expect(notes.some((n) => n.read_at !== null)).toBe(true);
    const follows = await t.db
      .selectFrom("issue_follows")
      .select("issue_id")
      .where("user_id", "=", resident.id)
      .execute();
    expect(follows.length).toBeGreaterThanOrEqual(2);
  });
});
