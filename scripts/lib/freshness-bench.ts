/**
 * Search freshness as a resident feels it: a reply is committed through the domain (as
 * the reply form does), and Meilisearch is asked until it finds the reply's unique word.
 * The running server's worker does the indexing, as in production. Replies go to staff
 * accounts' threads so pre-moderation and rate limits do not get in the way.
 */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Viewer } from "../../app/auth.server";
import { replyToThread } from "../../app/domain/posts.server";
import { createSearchService } from "../../app/search.server";
import type { Database } from "../../db/schema";

export async function benchFreshness(options: {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  samples: number;
}): Promise<{ p50: number; p95: number; max: number }> {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.databaseUrl }) }),
  });
  const search = createSearchService({ url: options.meiliUrl, apiKey: options.meiliKey });
  try {
    const officer = await db
      .selectFrom("users")
      .select(["id", "display_name", "role", "team"])
      .where("role", "=", "officer")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const actor: Viewer = {
      id: officer.id,
      displayName: officer.display_name,
      role: officer.role,
      team: officer.team,
      suspendedUntil: null,
      bannedAt: null,
      sanctionReason: null,
      mustVerifyEmail: false,
    };
    const thread = await db
      .selectFrom("threads")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select("threads.id")
      .where("threads.status", "=", "published")
      .where("issues.status", "=", "open")
      .where("issues.closes_at", ">", new Date())
      .where("issues.opens_at", "<=", new Date())
      .orderBy("threads.id")
      .executeTakeFirstOrThrow();
    const times: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const word = `freshness${Date.now().toString(36)}x${i}`;
      const started = performance.now();
      await replyToThread(db, actor, thread.id, { body: `Bench reply ${word}.` }, new Date());
      for (;;) {
        const found = await search.search({ q: word, sort: "relevance", page: 1, hitsPerPage: 1 });
        if (found.total > 0) break;
        if (performance.now() - started > 60_000)
          throw new Error(`"${word}" never became findable`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
    return { p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! };
  } finally {
    await db.destroy();
  }
}
