/**
 * The benchmark's two councils, each on its own PostgreSQL and Meilisearch:
 * - demo: the Northbridge demo, in a throwaway cluster;
 * - large: the ten-year council with `posts` more posts, kept under
 *   bench-results/large-<posts>/ (cluster and index) so the next run does not seed again.
 * Both get the same benchmark thread: 200 posts in an open issue, the first of them
 * holding a word no other post has (the rare search).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { renderMarkdown } from "../../../app/markdown.server";
import type { Database } from "../../../db/schema";
import { startLocalMeilisearch, type LocalMeilisearch } from "../meilisearch-process";
import { startTestCluster, type TestCluster } from "../postgres-cluster";

export const RARE_WORD = "quillwort";
export const MEILI_KEY = "bench-master-key-0123456789abcdef";
const BENCH_THREAD_TITLE = "Benchmark thread: two hundred posts";
const BENCH_THREAD_POSTS = 200;
/** A generated council is redone after this long: its "open now" issues have closed. */
const LARGE_MAX_AGE_DAYS = 14;

export interface PreparedScale {
  label: "demo" | "large";
  databaseUrl: string;
  meili: LocalMeilisearch;
  posts: number;
  targets: BenchTargets;
  stop(): Promise<void>;
}

/** What the page list needs to know about the council it runs on. */
export interface BenchTargets {
  areaSlug: string;
  issueSlug: string;
  threadId: number;
  /** The id before the thread's 121st post: its permalink opens the page there. */
  deepAfter: number;
  /** The id of the thread's 150th post: the page after it is the thread's last. */
  lastAfter: number;
  profileId: number;
}

interface LargeMarker {
  posts: number;
  seededAt: string;
}

function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, ["scripts/run.js", program, ...args], {
    env,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed`);
}

async function createDatabase(cluster: TestCluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(cluster.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function programEnvironment(databaseUrl: string, meiliUrl: string, dataDir: string) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MEILI_URL: meiliUrl,
    MEILI_MASTER_KEY: MEILI_KEY,
    PARLEY_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
  };
}

export async function prepareDemoScale(workDir: string): Promise<PreparedScale> {
  const cluster = await startTestCluster();
  const meili = await startLocalMeilisearch({
    dataDir: path.join(workDir, "demo-meili"),
    masterKey: MEILI_KEY,
  });
  const databaseUrl = await createDatabase(cluster, "parley_bench");
  console.log("Demo scale: seeding the demo council…");
  runProgram("seed", [], programEnvironment(databaseUrl, meili.url, workDir));
  const { targets, posts } = await describeCouncil(databaseUrl);
  return {
    label: "demo",
    databaseUrl,
    meili,
    posts,
    targets,
    async stop() {
      await meili.stop();
      cluster.stop();
    },
  };
}

export async function prepareLargeScale(posts: number, resultsDir: string): Promise<PreparedScale> {
  const folder = path.resolve(resultsDir, `large-${posts}`);
  const markerFile = path.join(folder, "ready.json");
  const marker = existsSync(markerFile)
    ? (JSON.parse(readFileSync(markerFile, "utf8")) as LargeMarker)
    : null;
  const fresh =
    marker !== null &&
    marker.posts === posts &&
    Date.now() - Date.parse(marker.seededAt) < LARGE_MAX_AGE_DAYS * 86_400_000;
  if (!fresh) rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const cluster = await startTestCluster({ keepIn: path.join(folder, "pg") });
  const meili = await startLocalMeilisearch({
    dataDir: path.join(folder, "meili"),
    masterKey: MEILI_KEY,
  });
  try {
    const databaseUrl = await createDatabase(cluster, "parley_bench");
    const env = programEnvironment(databaseUrl, meili.url, path.join(folder, "data"));
    if (fresh) {
      console.log(
        `Large scale: reusing the ten-year council in ${folder} (seeded ${marker.seededAt})`,
      );
      runProgram("migrate", [], env);
    } else {
      console.log(`Large scale: generating a ten-year council with ${posts} posts in ${folder}…`);
      runProgram("seed", ["--posts", String(posts)], env);
      console.log("Large scale: building the search index…");
      runProgram("search-reindex", [], env);
      writeFileSync(
        markerFile,
        JSON.stringify({ posts, seededAt: new Date().toISOString() } satisfies LargeMarker),
      );
    }
    const described = await describeCouncil(databaseUrl);
    return {
      label: "large",
      databaseUrl,
      meili,
      posts: described.posts,
      targets: described.targets,
      async stop() {
        await meili.stop();
        cluster.stop();
      },
    };
  } catch (error) {
    await meili.stop();
    cluster.stop();
    throw error;
  }
}

/** Finds (or adds, once) what the page list visits. */
async function describeCouncil(
  databaseUrl: string,
): Promise<{ targets: BenchTargets; posts: number }> {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }),
  });
  try {
    // A kept council remembers the last run's writes against hourly limits (flags: 30 an
    // hour per person): a run within the hour must not start half spent.
    await sql`delete from rate_limits`.execute(db);
    // Staff set up their authenticators afresh each run (scripts/lib/staff-sign-in.ts).
    await sql`delete from totp_credentials`.execute(db);
    const threadId = await ensureBenchThread(db);
    const thread = await db
      .selectFrom("threads")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .innerJoin("areas", "areas.id", "issues.area_id")
      .select(["issues.slug as issueSlug", "areas.slug as areaSlug"])
      .where("threads.id", "=", threadId)
      .executeTakeFirstOrThrow();
    const postIds = (
      await db
        .selectFrom("posts")
        .select("id")
        .where("thread_id", "=", threadId)
        .orderBy("id")
        .execute()
    ).map((row) => row.id);
    // The busiest resident's profile: the longest list of posts a profile can have.
    const busiest = await sql<{ author_id: number }>`
      select author_id from posts group by author_id order by count(*) desc limit 1`
      .execute(db)
      .then((result) => result.rows[0]!);
    const { n } = await db
      .selectFrom("posts")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    return {
      posts: n,
      targets: {
        areaSlug: thread.areaSlug,
        issueSlug: thread.issueSlug,
        threadId,
        deepAfter: postIds[119]! - 1,
        lastAfter: postIds[149]!,
        profileId: busiest.author_id,
      },
    };
  } finally {
    await db.destroy();
  }
}

/**
 * The 200-post idea thread, in the open public issue with the fewest threads (not the
 * one with a giant thread). Written directly, then indexed by the worker through a
 * search.sync event, as a change through the domain would be.
 */
async function ensureBenchThread(db: Kysely<Database>): Promise<number> {
  const existing = await db
    .selectFrom("threads")
    .select("id")
    .where("title", "=", BENCH_THREAD_TITLE)
    .executeTakeFirst();
  if (existing) return existing.id;
  const now = new Date();
  const issue = await db
    .selectFrom("issues")
    .leftJoin("threads", "threads.issue_id", "issues.id")
    .select(["issues.id"])
    .where("issues.status", "=", "open")
    .where("issues.opens_at", "<=", now)
    .where("issues.closes_at", ">", new Date(now.getTime() + 2 * 86_400_000))
    .groupBy("issues.id")
    .orderBy(sql`count(threads.id)`)
    .orderBy("issues.id")
    .executeTakeFirstOrThrow();
  const residents = (
    await db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "resident")
      .where("password_hash", "is", null)
      .orderBy("id")
      .limit(50)
      .execute()
  ).map((row) => row.id);
  const opening = `I would like the council to plant ${RARE_WORD} in the new pond by the library, as the old one did.`;
  const reply = "I agree, and the path round the pond needs lighting before the winter evenings.";
  const startedAt = new Date(now.getTime() - 3 * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const thread = await trx
      .insertInto("threads")
      .values({
        issue_id: issue.id,
        kind: "idea",
        title: BENCH_THREAD_TITLE,
        author_id: residents[0]!,
        reply_count: BENCH_THREAD_POSTS - 1,
        last_post_at: now,
        created_at: startedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("posts")
      .values(
        Array.from({ length: BENCH_THREAD_POSTS }, (_, index) => ({
          thread_id: thread.id,
          author_id: residents[index % residents.length]!,
          body_md: index === 0 ? opening : reply,
          body_html: renderMarkdown(index === 0 ? opening : reply),
          created_at: new Date(startedAt.getTime() + index * 60_000),
        })),
      )
      .execute();
    await trx
      .insertInto("outbox")
      .values({ topic: "search.sync", payload: JSON.stringify({ kind: "issue", id: issue.id }) })
      .execute();
    return thread.id;
  });
}

export function defaultResultsDir(): string {
  return path.resolve("bench-results");
}

export function temporaryWorkDir(): string {
  return path.join(os.tmpdir(), `parley-bench-${process.pid}`);
}
