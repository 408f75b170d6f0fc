/**
 * How many took part in an issue: people, threads, posts and supports, counting public
 * content only. Counting means reading every public post of the issue, which for a
 * 20,000-post issue is too much for every view of its page. So the worker keeps a tally
 * (issue_participation), recounted once a minute while an issue is active and daily
 * after, and the page reads that one row; an issue not yet tallied is counted live.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { publicPost, publicThread } from "./policy";

export interface Participation {
  people: number;
  threads: number;
  posts: number;
  supports: number;
}

/** The issue's tally, with when it was counted (null: counted live, just now). */
export interface ParticipationTally extends Participation {
  countedAt: Date | null;
}

/** An active issue is recounted when its tally is older than this… */
const ACTIVE_RECOUNT_MS = 60_000;
/** …an issue that is no longer active, when its tally is older than this… */
const SETTLED_RECOUNT_MS = 24 * 60 * 60_000;
/** …and an issue stays active for this long after it closes (late moderation, outcome). */
const ACTIVE_AFTER_CLOSE_MS = 14 * 24 * 60 * 60_000;
/** Recounts per tick: a backlog (after an upgrade) is worked off over several ticks. */
const RECOUNTS_PER_TICK = 200;

/** Counts an issue's participation now. Reads every public post of the issue. */
export async function countParticipation(
  db: Kysely<Database>,
  issueId: number,
): Promise<Participation> {
  const publicThreads = db
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select(["threads.id", "threads.support_count"])
    .where("threads.issue_id", "=", issueId)
    .where(publicThread.where);
  const publicPosts = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select("posts.author_id")
    .where("threads.issue_id", "=", issueId)
    .where(publicPost.where);
  const result = await sql<Participation>`
    with visible_threads as (${publicThreads}), visible_posts as (${publicPosts})
    select
      (select count(*)::int from visible_threads) as threads,
      (select count(*)::int from visible_posts) as posts,
      (select coalesce(sum(support_count), 0)::int from visible_threads) as supports,
      (select count(*)::int from (
        select author_id from visible_posts
        union
        select s.user_id from supports s join visible_threads t on t.id = s.thread_id
      ) people) as people`.execute(db);
  return result.rows[0] ?? { people: 0, threads: 0, posts: 0, supports: 0 };
}

/** What the issue page shows: the tally, or a live count for an issue not yet tallied. */
export async function readParticipation(
  db: Kysely<Database>,
  issueId: number,
): Promise<ParticipationTally> {
  const tally = await db
    .selectFrom("issue_participation")
    .select(["people", "threads", "posts", "supports", "counted_at"])
    .where("issue_id", "=", issueId)
    .executeTakeFirst();
  if (!tally) return { ...(await countParticipation(db, issueId)), countedAt: null };
  const { counted_at, ...figures } = tally;
  return { ...figures, countedAt: counted_at };
}

/**
 * The worker's minute: recounts the issues whose tally is missing or due (active issues
 * every minute, others daily), oldest tally first. Returns how many it recounted.
 */
export async function recountDueParticipation(db: Kysely<Database>, now: Date): Promise<number> {
  const due = await db
    .selectFrom("issues")
    .leftJoin("issue_participation as tally", "tally.issue_id", "issues.id")
    .select("issues.id")
    .where((eb) =>
      eb.or([
        eb("tally.counted_at", "is", null),
        eb.and([
          eb("issues.opens_at", "<=", now),
          eb("issues.closes_at", ">", new Date(now.getTime() - ACTIVE_AFTER_CLOSE_MS)),
          eb("tally.counted_at", "<", new Date(now.getTime() - ACTIVE_RECOUNT_MS)),
        ]),
        eb("tally.counted_at", "<", new Date(now.getTime() - SETTLED_RECOUNT_MS)),
      ]),
    )
    .orderBy(sql`tally.counted_at nulls first`)
    .orderBy("issues.id")
    .limit(RECOUNTS_PER_TICK)
    .execute();
  for (const { id } of due) {
    const figures = await countParticipation(db, id);
    await db
      .insertInto("issue_participation")
      .values({ issue_id: id, ...figures, counted_at: now })
      .onConflict((oc) => oc.column("issue_id").doUpdateSet({ ...figures, counted_at: now }))
      .execute();
  }
  return due.length;
}
