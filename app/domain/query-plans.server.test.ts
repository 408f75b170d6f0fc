/**
 * Every list query is served by an index. The domain's own list functions run against
 * the seeded council (plus volume) through a Kysely that records each SELECT; each is
 * then EXPLAINed with sequential scans disabled. On data this small the planner would
 * happily scan, so "seqscan off" asks the real question: could an index serve this?
 * A Seq Scan that survives means none can.
 */
import { Kysely, PostgresDialect, sql, type CompiledQuery } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { seedDemoCouncil, seedVolume } from "../../seeds/demo-council";
import { PLANNER_OPTIONS } from "../../db/connect";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import type { Viewer } from "../auth.server";
import { listUnansweredQuestions } from "./answers.server";
import { listAnnouncementsFor, listUrgentBanners } from "./announcements.server";
import { listHomeSections } from "./home.server";
import { listOpenIssuesByArea } from "./issues.server";
import { readParticipation, recountDueParticipation } from "./issue-participation.server";
import { countUnread, listNotifications } from "./notifications.server";
import { searchAuditLog } from "./audit-log.server";
import { countOpenItems, listQueue } from "./moderation-queue.server";
import { summarizeModeration } from "./post-reviews.server";
import { citationsOfPosts, listAwaitingOutcome, listOutcomes } from "./outcomes.server";
import { listPostsInThread } from "./posts.server";
import { listProfilePosts } from "./profiles.server";
import { listIssuesIn } from "./taxonomy.server";
import { enqueueDueIssueEvents } from "../jobs/issue-schedule.server";
import { listThreadsForIssue } from "./threads.server";

/** Tables that grow with use; small reference tables (areas, categories) may be scanned. */
const BIG_TABLES = new Set([
  "issues",
  "posts",
  "threads",
  "notifications",
  "supports",
  "issue_follows",
  "thread_follows",
  "users",
  "moderation_items",
  "moderation_actions",
  "flags",
  "sanctions",
]);

/**
 * Partial indexes that hold exactly the rows a list wants (the open queue): walking one
 * end to end under a LIMIT is the plan we built it for, not a table read whole.
 */
const LIST_SHAPED_INDEXES = new Set([
  "moderation_items_queue_idx",
  "moderation_items_open_post_key",
]);

let t: TestDatabase;
let recording: Kysely<Database>;
const recorded: CompiledQuery[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  if (!t.url) return;
  const now = new Date();
  await seedDemoCouncil(t.db, { now });
  await seedVolume(t.db, { copies: 10, now });
  await sql`analyze`.execute(t.db);
  const pool = new pg.Pool({ connectionString: t.url, max: 2, options: PLANNER_OPTIONS });
  // Dropping the test database at the end terminates these connections; that is expected.
  pool.on("error", () => {});
  recording = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === "query" && /^\s*(select|with|update)/i.test(event.query.sql))
        recorded.push(event.query);
    },
  });
}, 120_000);

afterAll(async () => {
  await recording?.destroy();
  await t.close();
});

/**
 * Queries whose work still grows with the data, each with why and what would bound it.
 * An entry here is a known debt, not a pass: the closing note of the issue lists them.
 */
const KNOWN_UNBOUNDED: { sql: string; why: string }[] = [];

/** How many rows each lopsided object gets in the bounded-work test. */
const HUGE = 3_000;
/**
 * Rows a page's query may read from the big tables, whatever their size: a few pages'
 * worth. The lopsided objects hold HUGE rows, so any query that reads them all fails.
 */
const ROW_BUDGET = 1_000;

interface PlanNode {
  "Node Type": string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

/**
 * Tables read whole: a Seq Scan, or an index walked end to end with no condition (with
 * seqscan off the planner uses a primary key that way rather than admit it has no index).
 */
function tablesReadWhole(node: PlanNode): string[] {
  const type = node["Node Type"];
  const whole =
    type === "Seq Scan" ||
    ((type === "Index Scan" || type === "Index Only Scan") &&
      !node["Index Cond"] &&
      !LIST_SHAPED_INDEXES.has(node["Index Name"] ?? ""));
  const here =
    whole && node["Relation Name"]
      ? [`${node["Relation Name"]} (${type} ${node["Index Name"] ?? ""})`]
      : [];
  return [...here, ...(node.Plans ?? []).flatMap(tablesReadWhole)];
}

/** A plan's scans of the big tables, with the rows each read: returned or filtered out, on every loop. */
function bigTableScans(node: PlanNode): { scan: string; rows: number }[] {
  const here =
    node["Relation Name"] && BIG_TABLES.has(node["Relation Name"])
      ? [
          {
            scan: `${node["Relation Name"]} (${node["Node Type"]} ${node["Index Name"] ?? ""})`,
            rows:
              ((node["Actual Rows"] ?? 0) +
                (node["Rows Removed by Filter"] ?? 0) +
                (node["Rows Removed by Index Recheck"] ?? 0)) *
              (node["Actual Loops"] ?? 1),
          },
        ]
      : [];
  return [...here, ...(node.Plans ?? []).flatMap(bigTableScans)];
}

/** The demo's objects the lists are asked about. */
async function findSubjects(db: Kysely<Database>) {
  const issue = await db
    .selectFrom("issues")
    .select(["id", "area_id", "category_id"])
    .where("slug", "=", "resurfacing-mill-lane")
    .executeTakeFirstOrThrow();
  const thread = await db
    .selectFrom("threads")
    .select("id")
    .where("issue_id", "=", issue.id)
    .executeTakeFirstOrThrow();
  const user = await db
    .selectFrom("users")
    .select(["id", "role"])
    .where("email", "=", "resident@northbridge.example")
    .executeTakeFirstOrThrow();
  const viewer: Viewer = {
    id: user.id,
    displayName: "x",
    role: user.role,
    team: null,
    suspendedUntil: null,
    mustVerifyEmail: false,
    secondFactorAt: null,
    secondFactorMethod: null,
    bannedAt: null,
    sanctionReason: null,
  };
  const moderatorRow = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "moderator@northbridge.example")
    .executeTakeFirstOrThrow();
  return { issue, thread, viewer, moderatorRow };
}

/** Every list the pages make, once each (per kind of viewer where it differs). */
async function runEveryList(
  db: Kysely<Database>,
  subjects: {
    issue: { id: number; area_id: number; category_id: number };
    threadId: number;
    viewer: Viewer;
    moderatorId: number;
  },
  now: Date,
): Promise<void> {
  const { issue, viewer } = subjects;
  const thread = { id: subjects.threadId };
  const moderatorRow = { id: subjects.moderatorId };
  await listOpenIssuesByArea(db, now);
  await listOpenIssuesByArea(db, now, issue.area_id);
  await listThreadsForIssue(db, issue.id, { sort: "recent", after: null });
  await listThreadsForIssue(db, issue.id, { sort: "supported", after: null });
  await listPostsInThread(db, thread.id);
  await listPostsInThread(db, thread.id, { after: 1 });
  await listNotifications(db, viewer, null);
  await countUnread(db, viewer.id);
  await listProfilePosts(db, viewer.id, null);
  await listIssuesIn(db, { areaId: issue.area_id }, { view: "all", after: null }, now);
  await listIssuesIn(db, { categoryId: issue.category_id }, { view: "all", after: null }, now);
  await listIssuesIn(db, { areaId: issue.area_id }, { view: "open", after: null }, now);
  await listUnansweredQuestions(db, { olderThanDays: 5, now, after: null });
  await listHomeSections(db, issue.area_id, now);
  await listHomeSections(db, null, now);
  await readParticipation(db, issue.id);
  await listAnnouncementsFor(db, { site: true, areaId: issue.area_id, issueId: issue.id });
  await listUrgentBanners(db);
  const moderator: Viewer = { ...viewer, id: moderatorRow.id, role: "moderator" };
  await listPostsInThread(db, thread.id, { after: null }, viewer);
  await listPostsInThread(db, thread.id, { after: null }, moderator);
  await listQueue(db, moderator, {}, now);
  await listQueue(db, moderator, { issueId: issue.id }, now);
  await countOpenItems(db);
  await searchAuditLog(db, moderator, { targetType: "user", targetId: viewer.id });
  await summarizeModeration(db, [
    { id: 1, status: "pending" },
    { id: 2, status: "rejected" },
    { id: 3, status: "hidden" },
  ]);
  await listOutcomes(db, {});
  await listOutcomes(db, { issueId: issue.id });
  await citationsOfPosts(db, [1, 2, 3]);
  await listAwaitingOutcome(db, now, 12);
  // The worker's minute-by-minute schedule, whose updates find the issues due.
  await enqueueDueIssueEvents(db, now);
}

describe("query plans on the seeded council", () => {
  it("serve every list query from an index", async () => {
    if (!t.url) return; // PGlite fallback: no EXPLAIN through a second connection
    const db = recording;
    const now = new Date();
    const { issue, thread, viewer, moderatorRow } = await findSubjects(db);
    recorded.length = 0;
    await runEveryList(
      db,
      { issue, threadId: thread.id, viewer, moderatorId: moderatorRow.id },
      now,
    );
    expect(recorded.length).toBeGreaterThan(15);

    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const scans: string[] = [];
    try {
      // Nested loops only: "could an index serve each step?", not "which join is cheapest here?".
      await client.query(
        "set enable_seqscan = off; set enable_mergejoin = off; set enable_hashjoin = off",
      );
      for (const query of recorded) {
        const result = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
          `explain (format json) ${query.sql}`,
          [...query.parameters],
        );
        const plan = result.rows[0]?.["QUERY PLAN"][0]?.Plan;
        for (const table of plan ? tablesReadWhole(plan) : []) {
          if (BIG_TABLES.has(table.split(" ")[0] ?? ""))
            scans.push(`${table} in: ${query.sql.slice(0, 200)}…`);
        }
      }
    } finally {
      await client.end();
    }
    expect(scans).toEqual([]);
  }, 60_000);

  it("read a bounded number of rows when an area, an issue and a thread grow huge", async () => {
    if (!t.url) return;
    const db = recording;
    const now = new Date();
    const subjects = await findSubjects(db);
    const { issue, thread, viewer } = subjects;
    // A council ten years on, at its most lopsided: one area with thousands of issues
    // open at once, and one thread thousands of replies long. A page whose work grows
    // with either reads more rows than any page shows.
    await sql`
      insert into issues (slug, title, summary_md, summary_html, area_id, category_id, status,
                          opens_at, closes_at, opened_sent_at, closing_soon_sent_at, team, created_by)
      select 'crowded-' || g, 'Crowded issue ' || g, 'x', '<p>x</p>', i.area_id, i.category_id,
             'open', ${now}::timestamptz - interval '1 day',
             ${now}::timestamptz + (g % 60 + 1) * interval '1 day', ${now}::timestamptz,
             case when g % 60 < 2 then null else ${now}::timestamptz end, i.team, i.created_by
      from generate_series(1, ${HUGE}) g, issues i where i.id = ${issue.id}`.execute(t.db);
    await sql`
      insert into posts (thread_id, author_id, body_md, body_html, status, created_at)
      select ${thread.id}, ${viewer.id}, 'Reply ' || g, '<p>Reply ' || g || '</p>', 'published',
             ${now}::timestamptz - g * interval '1 minute'
      from generate_series(1, ${HUGE}) g`.execute(t.db);
    // …in a site whose other threads hold ten times as much, as a real one's do (a thread
    // holding half of all posts would make walking the primary key a fair plan).
    await sql`
      insert into posts (thread_id, author_id, body_md, body_html, status, created_at)
      select others.ids[g % cardinality(others.ids) + 1], ${viewer.id}, 'Elsewhere ' || g,
             '<p>Elsewhere ' || g || '</p>', 'published', ${now}::timestamptz - g * interval '1 second'
      from generate_series(1, ${HUGE * 10}) g,
           (select array_agg(id order by id) as ids from threads where id <> ${thread.id}) others
    `.execute(t.db);
    await sql`update threads set reply_count = reply_count + ${HUGE} where id = ${thread.id}`.execute(
      t.db,
    );
    // The worker's minute has tallied the issue's participation, as it does in production.
    await recountDueParticipation(t.db, now);
    await sql`analyze`.execute(t.db);

    recorded.length = 0;
    await runEveryList(
      db,
      { issue, threadId: thread.id, viewer, moderatorId: subjects.moderatorRow.id },
      now,
    );
    // The app's own planner settings: the plans the pages get.
    const client = new pg.Client({ connectionString: t.url, options: PLANNER_OPTIONS });
    await client.connect();
    const overBudget: string[] = [];
    try {
      for (const query of recorded) {
        // ANALYZE runs the statement: the schedule's updates are rolled back.
        await client.query("begin");
        const result = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
          `explain (analyze, format json) ${query.sql}`,
          [...query.parameters],
        );
        await client.query("rollback");
        const plan = result.rows[0]?.["QUERY PLAN"][0]?.Plan;
        const scans = plan ? bigTableScans(plan) : [];
        const read = scans.reduce((sum, scan) => sum + scan.rows, 0);
        const allowance = KNOWN_UNBOUNDED.find((known) => query.sql.includes(known.sql));
        if (read > ROW_BUDGET && !allowance)
          overBudget.push(
            `${read} rows (${scans.map((s) => `${s.scan}: ${s.rows}`).join(", ")}) in: ${query.sql.slice(0, 160)}…`,
          );
      }
    } finally {
      await client.end();
    }
    expect(overBudget).toEqual([]);
  }, 120_000);
});
