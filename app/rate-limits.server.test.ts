import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../scripts/test-harness/databases";
import { openTestDatabase } from "../scripts/test-harness/test-context";
import { createRateLimits } from "./rate-limits.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

describe("rate limits kept in PostgreSQL", () => {
  it("allows the limit, refuses the next with a wait, and counts each address apart", async () => {
    const limits = createRateLimits(t.db, { searchesPerMinute: 5 });
    for (let i = 0; i < 5; i++) {
      expect(await limits.search.take("203.0.113.7")).toEqual({ allowed: true });
    }
    const refused = await limits.search.take("203.0.113.7");
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(!refused.allowed && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await limits.search.take("198.51.100.1")).toEqual({ allowed: true });
  });

  it("holds across two app processes sharing the database", async () => {
    const first = createRateLimits(t.db, { searchesPerMinute: 3 });
    const second = createRateLimits(t.db, { searchesPerMinute: 3 });
    await first.search.take("192.0.2.9");
    await second.search.take("192.0.2.9");
    await first.search.take("192.0.2.9");
    expect((await second.search.take("192.0.2.9")).allowed).toBe(false);
  });

  it("counts only failed sign-ins: checking is free, and a success forgets the failures", async () => {
    const limits = createRateLimits(t.db, { searchesPerMinute: 5 });
    const email = `someone-${Date.now()}@example.test`;
    for (let i = 0; i < 20; i++)
      expect((await limits.signInPerAccount.check(email)).allowed).toBe(true);
    for (let i = 0; i < 9; i++) await limits.signInPerAccount.take(email);
    await limits.signInPerAccount.reset(email);
    for (let i = 0; i < 10; i++) await limits.signInPerAccount.take(email);
    const locked = await limits.signInPerAccount.check(email);
    expect(locked.allowed).toBe(false);
    expect(!locked.allowed && locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it("gives accounts on their first day a tighter limit on posts", async () => {
    const limits = createRateLimits(t.db, { searchesPerMinute: 5 });
    const key = `user-${Date.now()}`;
    for (let i = 0; i < 10; i++) await limits.contribution.post.firstDay.take(key);
    expect((await limits.contribution.post.firstDay.take(key)).allowed).toBe(false);
    expect((await limits.contribution.post.normal.take(key)).allowed).toBe(true);
  });
});

describe("edits are limited like posts", () => {
  it("refuses the 61st edit in an hour, and the 11st on an account's first day", async () => {
    const limits = createRateLimits(t.db, { searchesPerMinute: 5 });
    const key = `editor-${Date.now()}`;
    for (let i = 0; i < 60; i++)
      expect((await limits.contribution.edit.normal.take(key)).allowed).toBe(true);
    expect((await limits.contribution.edit.normal.take(key)).allowed).toBe(false);
    for (let i = 0; i < 10; i++) await limits.contribution.edit.firstDay.take(key);
    expect((await limits.contribution.edit.firstDay.take(key)).allowed).toBe(false);
  });
});
