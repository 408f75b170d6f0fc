/**
 * A council after ten years of Parley, for benchmarks at scale (`npm run seed -- --posts N`).
 *
 * Copies of the demo make every issue open at once and every thread the same size; a
 * real council is nothing like that. Here, on top of the seeded demo council:
 * - issues run one after another over ten years, four to twelve weeks each, so a few
 *   dozen are open at any time and most content is old; most closed ones have an outcome;
 * - threads per issue and posts per thread follow long tails, and a few threads (one
 *   per 200,000 posts) hold 20,000 posts each, one of them in an issue open now;
 * - tens of thousands of residents wrote them.
 *
 * Rows are made by PostgreSQL (generate_series over arrays planned here), a batch of
 * threads per statement, so a million posts take minutes, not hours. Deterministic: the
 * same `posts` and `now` give the same council. Needs PostgreSQL (not PGlite).
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { renderOnce } from "./render-once";
import { ISSUES } from "./material-issues";
import { OFFICERS } from "./material-places";
import { createRandom, type Random } from "./random";

const DAY_MS = 86_400_000;
/** The demo issues that have threads: each generated issue re-runs one of them. */
const MATERIAL = ISSUES.filter((issue) => issue.threads.length > 0);
const YEARS = 10;
/** Posts in each of the few giant threads: the "everyone has a view on the bins" ones. */
export const GIANT_THREAD_POSTS = 20_000;
const POSTS_PER_GIANT_THREAD_SLOT = 200_000;
const THREAD_BATCH = 2_000;

export interface TenYearCounts {
  residents: number;
  issues: number;
  openIssues: number;
  threads: number;
  posts: number;
  supports: number;
  outcomes: number;
}

export type TenYearProgress = (stage: string, done: number, total: number) => void;

interface PlannedThread {
  issue: number;
  kind: "discussion" | "idea" | "question";
  title: string;
  posts: number;
  supports: number;
  startsAt: number;
  endsAt: number;
}

/** Long-tailed whole numbers ≥ 1 (a Pareto draw), capped. */
function longTail(random: Random, scale: number, cap: number): number {
  return Math.min(cap, Math.max(1, Math.floor(scale / Math.pow(1 - random.next(), 0.85))));
}

export async function seedTenYearCouncil(
  db: Kysely<Database>,
  options: { posts: number; now: Date; onProgress?: TenYearProgress },
): Promise<TenYearCounts> {
  const random = createRandom(20261130);
  const now = options.now.getTime();
  const begin = now - YEARS * 365 * DAY_MS;
  const areas = await db.selectFrom("areas").select("id").orderBy("id").execute();
  const categories = await db.selectFrom("categories").select("id").orderBy("id").execute();
  const officers = await db
    .selectFrom("users")
    .select(["id", "team"])
    .where("role", "=", "officer")
    .orderBy("id")
    .execute();
  if (!areas.length || !categories.length || !officers.length)
    throw new Error("Seed the demo council first: the ten-year council uses its places and staff");

  // People: one resident per 40 posts, joined over the ten years.
  const residents = Math.max(200, Math.round(options.posts / 40));
  const { first } = await sql<{ first: number }>`
    with added as (
      insert into users (email, display_name, role, trust_level, email_verified_at, created_at)
      select 'resident' || g || '@ten-years.example', 'Resident ' || g, 'resident', g % 3,
             ${new Date(begin)}::timestamptz + (g * ${(YEARS * 365) / residents}::float8) * interval '1 day',
             ${new Date(begin)}::timestamptz + (g * ${(YEARS * 365) / residents}::float8) * interval '1 day'
      from generate_series(1, ${residents}::int) g
      returning id
    )
    select min(id) as first from added`
    .execute(db)
    .then((result) => result.rows[0] ?? { first: 0 });
  options.onProgress?.("residents", residents, residents);

  // Issues: one after another over ten years; a few dozen open at any moment.
  const issueCount = Math.max(40, Math.round(options.posts / 250));
  const step = (now - begin) / issueCount;
  const issues = Array.from({ length: issueCount }, (_, index) => {
    const material = MATERIAL[index % MATERIAL.length]!;
    const opensAt = begin + index * step + random.next() * step;
    const closesAt = opensAt + random.int(28, 84) * DAY_MS;
    const officer = officers[index % officers.length]!;
    const year = new Date(opensAt).getUTCFullYear();
    return {
      slug: `${material.slug}-${year}-${index + 1}`,
      title: `${material.title} (${year})`,
      summary: material.summary,
      area: areas[random.int(0, areas.length - 1)]!.id,
      category: categories[random.int(0, categories.length - 1)]!.id,
      officer,
      opensAt,
      closesAt,
      // Closed long enough ago for a response: most have one; some never got it.
      responded: closesAt < now - 42 * DAY_MS && random.next() < 0.85,
    };
  });
  const issueIds: number[] = [];
  for (let start = 0; start < issues.length; start += THREAD_BATCH) {
    const batch = issues.slice(start, start + THREAD_BATCH);
    const rows = await db
      .insertInto("issues")
      .values(
        batch.map((issue) => ({
          slug: issue.slug,
          title: issue.title,
          summary_md: issue.summary,
          summary_html: renderOnce(issue.summary),
          area_id: issue.area,
          category_id: issue.category,
          status: issue.closesAt > now ? "open" : issue.responded ? "responded" : "closed",
          opens_at: new Date(issue.opensAt),
          closes_at: new Date(issue.closesAt),
          team: issue.officer.team,
          created_by: issue.officer.id,
          created_at: new Date(issue.opensAt - 7 * DAY_MS),
          // Past announcements were made at the time; the schedule has nothing to catch up.
          opened_sent_at: new Date(Math.min(now, issue.opensAt)),
          closing_soon_sent_at: issue.closesAt < now ? new Date(issue.closesAt - DAY_MS) : null,
          closed_sent_at: issue.closesAt < now ? new Date(issue.closesAt) : null,
        })),
      )
      .returning("id")
      .execute();
    issueIds.push(...rows.map((row) => row.id));
    options.onProgress?.("issues", issueIds.length, issues.length);
  }

  const threads = planThreads(random, issues, options.posts, now);
  const postTotal = threads.reduce((sum, thread) => sum + thread.posts, 0);
  let postsDone = 0;
  let supportTotal = 0;
  const bodies = bodyBank();
  for (let start = 0; start < threads.length; start += THREAD_BATCH) {
    const batch = threads.slice(start, start + THREAD_BATCH);
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto("threads")
        .values(
          batch.map((thread, index) => ({
            issue_id: issueIds[thread.issue]!,
            kind: thread.kind,
            title: thread.title,
            author_id: first + (((start + index) * 7919) % residents),
            support_count: thread.supports,
            reply_count: thread.posts - 1,
            last_post_at: new Date(thread.endsAt),
            created_at: new Date(thread.startsAt),
          })),
        )
        .returning("id")
        .execute();
      const ids = inserted.map((row) => row.id);
      // Post g of n is written at startsAt + (g-1)/n of the thread's life; the opening
      // post (g = 1) by the thread's author, replies by residents spread over everyone.
      await sql`
        insert into posts (thread_id, author_id, body_md, body_html, created_at)
        select t.id,
               case when g = 1 then t.author
                    else ${first}::int + ((t.id::bigint * 104729 + g * 7919) % ${residents}::int)::int end,
               (${bodies.md}::text[])[1 + ((t.id + g) % ${bodies.md.length}::int)],
               (${bodies.html}::text[])[1 + ((t.id + g) % ${bodies.md.length}::int)],
               t.starts + (t.ends - t.starts) * ((g - 1)::float8 / t.n)
        from unnest(${ids}::int[], ${batch.map((t) => t.posts)}::int[],
                    ${batch.map((t) => new Date(t.startsAt))}::timestamptz[],
                    ${batch.map((t) => new Date(t.endsAt))}::timestamptz[],
                    ${batch.map((_, index) => first + (((start + index) * 7919) % residents))}::int[])
             as t(id, n, starts, ends, author)
        cross join lateral generate_series(1, t.n) g`.execute(trx);
      // Supporters are distinct residents: consecutive ids from a per-thread offset.
      await sql`
        insert into supports (thread_id, user_id, created_at)
        select t.id, ${first}::int + ((t.id * 31 + g) % ${residents}::int), t.starts
        from unnest(${ids}::int[], ${batch.map((t) => t.supports)}::int[],
                    ${batch.map((t) => new Date(t.startsAt))}::timestamptz[])
             as t(id, n, starts)
        cross join lateral generate_series(1, t.n) g`.execute(trx);
    });
    postsDone += batch.reduce((sum, thread) => sum + thread.posts, 0);
    supportTotal += batch.reduce((sum, thread) => sum + thread.supports, 0);
    options.onProgress?.("posts", postsDone, postTotal);
  }

  const outcomes = await insertOutcomes(db, issues, issueIds);
  options.onProgress?.("outcomes", outcomes, outcomes);
  await sql`analyze`.execute(db);
  return {
    residents,
    issues: issues.length,
    openIssues: issues.filter((issue) => issue.opensAt <= now && issue.closesAt > now).length,
    threads: threads.length,
    posts: postTotal,
    supports: supportTotal,
    outcomes,
  };
}

/**
 * Threads and their sizes. Issues draw threads from a long tail (a few issues get
 * hundreds); threads draw replies from another, scaled so the total is `posts`; the
 * giant threads come first, in issues spread over the years and in one open now.
 */
function planThreads(
  random: Random,
  issues: { opensAt: number; closesAt: number }[],
  posts: number,
  now: number,
): PlannedThread[] {
  const giants = Math.floor(posts / POSTS_PER_GIANT_THREAD_SLOT);
  const ordinaryPosts = posts - giants * GIANT_THREAD_POSTS;
  const threadCount = Math.max(issues.length, Math.round(ordinaryPosts / 30));
  const weights = issues.map(() => longTail(random, 1, 200));
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  const openNow = issues.findIndex((issue) => issue.opensAt <= now && issue.closesAt > now);
  const planned: PlannedThread[] = [];
  const plan = (issue: number, posts: number) => {
    const material = MATERIAL[issue % MATERIAL.length]!;
    const seed = material.threads[planned.length % material.threads.length]!;
    const { opensAt, closesAt } = issues[issue]!;
    const startsAt = opensAt + random.next() * (closesAt - opensAt) * 0.8;
    planned.push({
      issue,
      kind: seed.kind,
      title: seed.title,
      posts,
      supports: seed.kind === "idea" ? Math.min(500, longTail(random, 2, 500)) : 0,
      startsAt,
      endsAt: Math.min(now, startsAt + Math.max(DAY_MS, (closesAt - startsAt) * random.next())),
    });
  };
  for (let giant = 0; giant < giants; giant++) {
    const issue =
      giant === 0 && openNow >= 0 ? openNow : Math.floor((giant * issues.length) / giants);
    plan(issue, GIANT_THREAD_POSTS);
  }
  // Replies per ordinary thread: a long tail scaled to the posts left.
  const draws = Array.from({ length: threadCount }, () => longTail(random, 1, 3_000));
  const drawTotal = draws.reduce((sum, draw) => sum + draw, 0);
  const perDraw = (ordinaryPosts - threadCount) / drawTotal;
  // Each thread lands in an issue drawn by the issues' weights (cumulative, bisected).
  const cumulative: number[] = [];
  weights.reduce((sum, weight) => (cumulative.push(sum + weight), sum + weight), 0);
  for (const draw of draws) {
    const target = random.next() * weightTotal;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    plan(low, 1 + Math.floor(draw * perDraw));
  }
  return planned;
}

async function insertOutcomes(
  db: Kysely<Database>,
  issues: { responded: boolean; closesAt: number; officer: { id: number; team: string | null } }[],
  issueIds: number[],
): Promise<number> {
  const responded = issues.flatMap((issue, index) =>
    issue.responded ? [{ issue, id: issueIds[index]! }] : [],
  );
  const statuses = ["decision_made", "in_progress", "implemented", "not_taken_forward"] as const;
  const youSaid = "Most of you supported the proposal; many asked for the work to avoid term time.";
  const weDid = "We scheduled the work for the summer holidays and kept one lane open throughout.";
  for (let start = 0; start < responded.length; start += THREAD_BATCH) {
    await db
      .insertInto("outcomes")
      .values(
        responded.slice(start, start + THREAD_BATCH).map(({ issue, id }, index) => ({
          issue_id: id,
          title: "What we decided",
          status: statuses[(start + index) % statuses.length]!,
          progress: (start + index) % 2 ? 100 : 60,
          you_said_md: youSaid,
          you_said_html: renderOnce(youSaid),
          we_did_md: weDid,
          we_did_html: renderOnce(weDid),
          team: issue.officer.team ?? OFFICERS[0].team,
          published_at: new Date(issue.closesAt + 30 * DAY_MS),
          created_by: issue.officer.id,
          created_at: new Date(issue.closesAt + 20 * DAY_MS),
        })),
      )
      .execute();
  }
  return responded.length;
}

/** What residents write, from the demo's material: opening posts and reply points. */
function bodyBank(): { md: string[]; html: string[] } {
  const md = [
    ...new Set(
      MATERIAL.flatMap((issue) => [...issue.threads.map((t) => t.body), ...issue.residentPoints]),
    ),
  ];
  return { md, html: md.map(renderOnce) };
}
