/**
 * The benchmark's large scale must look like a council after ten years, not like copies
 * of the demo: a few dozen issues open among thousands, long-tailed threads with a giant
 * one in an open issue, mostly old content, and counters that match the rows.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../scripts/test-harness/databases";
import { openTestDatabase } from "../scripts/test-harness/test-context";
import { seedDemoCouncil } from "./demo-council";
import { GIANT_THREAD_POSTS, seedTenYearCouncil, type TenYearCounts } from "./ten-year-council";

const NOW = new Date("2026-11-30T09:00:00Z");
const POSTS = 200_000;

describe("the ten-year council", () => {
  let t: TestDatabase;
  let counts: TenYearCounts;
  /** The demo's own threads count only published replies: the checks skip them. */
  let lastDemoThread = 0;
  beforeAll(async () => {
    t = await openTestDatabase();
    await seedDemoCouncil(t.db, { now: NOW });
    lastDemoThread = (
      await t.db
        .selectFrom("threads")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirstOrThrow()
    ).id;
    counts = await seedTenYearCouncil(t.db, { posts: POSTS, now: NOW });
  }, 300_000);
  afterAll(() => t.close());

  it("has about the posts asked for, in thousands of threads", async () => {
    expect(counts.posts).toBeGreaterThan(POSTS * 0.95);
    expect(counts.posts).toBeLessThanOrEqual(POSTS);
    const { n } = await t.db
      .selectFrom("posts")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(n).toBe(counts.posts + 473);
    expect(counts.threads).toBeGreaterThan(1_000);
  });

  it("keeps a few dozen issues open among hundreds, and most content old", async () => {
    const { open, total, oldPosts, posts } = await sql<{
      open: number;
      total: number;
      oldPosts: number;
      posts: number;
    }>`select
         (select count(*)::int from issues where opens_at <= ${NOW} and closes_at > ${NOW}) as open,
         (select count(*)::int from issues) as total,
         (select count(*)::int from posts where created_at < ${NOW}::timestamptz - interval '1 year') as "oldPosts",
         (select count(*)::int from posts) as posts`
      .execute(t.db)
      .then((result) => result.rows[0]!);
    expect(total).toBeGreaterThan(500);
    expect(open).toBeGreaterThanOrEqual(5);
    expect(open / total).toBeLessThan(0.05);
    expect(oldPosts / posts).toBeGreaterThan(0.8);
  });

  it("has long-tailed threads, with a giant one in an issue open now", async () => {
    const sizes = await sql<{ posts: number; open: boolean }>`
      select count(p.id)::int as posts, bool_or(i.closes_at > ${NOW}) as open
      from threads t join issues i on i.id = t.issue_id join posts p on p.thread_id = t.id
      group by t.id order by posts desc`
      .execute(t.db)
      .then((result) => result.rows);
    expect(sizes[0]).toEqual({ posts: GIANT_THREAD_POSTS, open: true });
    const median = sizes[Math.floor(sizes.length / 2)]!.posts;
    expect(median).toBeLessThan(30);
    expect(sizes[Math.floor(sizes.length * 0.01)]!.posts).toBeGreaterThan(median * 5);
  });

  it("keeps the counters on the rows equal to the rows they count", async () => {
    const { wrongReplies, wrongSupports } = await sql<{
      wrongReplies: number;
      wrongSupports: number;
    }>`select
         (select count(*)::int from threads t
           where t.id > ${lastDemoThread}
             and t.reply_count <> (select count(*) - 1 from posts p where p.thread_id = t.id)) as "wrongReplies",
         (select count(*)::int from threads t
           where t.id > ${lastDemoThread}
             and t.support_count <> (select count(*) from supports s where s.thread_id = t.id)) as "wrongSupports"`
      .execute(t.db)
      .then((result) => result.rows[0]!);
    expect(wrongReplies).toBe(0);
    expect(wrongSupports).toBe(0);
  });
});
