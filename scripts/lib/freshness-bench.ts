/**
 * Search freshness as a resident feels it: a reply is committed through the domain (as
 * the reply form does), and Meilisearch is asked until it finds the reply's unique word.
 * The running server's worker does the indexing, as in production. Replies go to staff
 * accounts' threads so pre-moderation and rate limits do not get in the way.
 */
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Viewer } from "../../app/auth.server";
import { replyToThread } from "../../app/domain/posts.server";
import { createSearchService } from "../../app/search.server";
import type { Database } from "../../db/schema";
import { percentile } from "./bench/statistics";

export interface FreshnessFigures {
  p50: number;
  p95: number;
  max: number;
  /** Where the time went, as medians: commit → the worker had sent the document… */
  outboxMedianMs: number;
  /** …the task waited in Meilisearch's queue… */
  meiliQueuedMedianMs: number;
  /** …and Meilisearch indexed it. */
  meiliIndexingMedianMs: number;
}

interface MeiliTask {
  enqueuedAt: string;
  startedAt: string;
  finishedAt: string;
}

/** Meilisearch's latest document task: the bench is the only writer while it runs. */
async function latestDocumentTask(meiliUrl: string, key: string): Promise<MeiliTask | null> {
  const response = await fetch(`${meiliUrl}/tasks?types=documentAdditionOrUpdate&limit=1`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  const body = (await response.json()) as { results: MeiliTask[] };
  return body.results[0] ?? null;
}

export async function benchFreshness(options: {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string;
  samples: number;
}): Promise<FreshnessFigures> {
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
      secondFactorAt: null,
      secondFactorMethod: null,
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
    const outbox: number[] = [];
    const queued: number[] = [];
    const indexing: number[] = [];
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
      const event = await db
        .selectFrom("outbox")
        .select(sql<number>`extract(epoch from done_at - created_at) * 1000`.as("ms"))
        .where("topic", "=", "search.sync")
        .where("done_at", "is not", null)
        .orderBy("id", "desc")
        .executeTakeFirst();
      if (event) outbox.push(Number(event.ms));
      const task = await latestDocumentTask(options.meiliUrl, options.meiliKey);
      if (task) {
        queued.push(Date.parse(task.startedAt) - Date.parse(task.enqueuedAt));
        indexing.push(Date.parse(task.finishedAt) - Date.parse(task.startedAt));
      }
    }
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const all = sorted(times);
    return {
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      max: all[all.length - 1]!,
      outboxMedianMs: percentile(sorted(outbox), 50),
      meiliQueuedMedianMs: percentile(sorted(queued), 50),
      meiliIndexingMedianMs: percentile(sorted(indexing), 50),
    };
  } finally {
    await db.destroy();
  }
}
