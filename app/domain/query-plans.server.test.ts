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
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import type { Viewer } from "../auth.server";
import { listUnansweredQuestions } from "./answers.server";
import { listAnnouncementsFor, listUrgentBanners } from "./announcements.server";
import { listHomeSections } from "./home.server";
import { getParticipation, listOpenIssuesByArea } from "./issues.server";
import { countUnread, listNotifications } from "./notifications.server";
import { searchAuditLog } from "./audit-log.server";
import { countOpenItems, listQueue } from "./moderation-queue.server";
import { summarizeModeration } from "./post-reviews.server";
import { citationsOfPosts, listOutcomes } from "./outcomes.server";
import { listPostsInThread } from "./posts.server";
import { listProfilePosts } from "./profiles.server";
import { listIssuesIn } from "./taxonomy.server";
import { listThreadsForIssue } from "./threads.server";

/** Tables that grow with use; small reference tables (areas, categories) may be scanned. */
const BIG_TABLES = new Set([
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
  const pool = new pg.Pool({ connectionString: t.url, max: 2 });
  // Dropping the test database at the end terminates these connections; that is expected.
  pool.on("error", () => {});
  recording = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === "query" && /^\s*(select|with)/i.test(event.query.sql))
        recorded.push(event.query);
    },
  });
}, 120_000);

afterAll(async () => {
  await recording?.destroy();
  await t.close();
});

interface PlanNode {
  "Node Type": string;
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

describe("query plans on the seeded council", () => {
  it("serve every list query from an index", async () => {
    if (!t.url) return; // PGlite fallback: no EXPLAIN through a second connection
    const db = recording;
    const now = new Date();
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
      bannedAt: null,
      sanctionReason: null,
    };
    const moderatorRow = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "moderator@northbridge.example")
      .executeTakeFirstOrThrow();
    recorded.length = 0;

    await listOpenIssuesByArea(db, now);
    await listOpenIssuesByArea(db, now, issue.area_id);
    await listThreadsForIssue(db, issue.id, { sort: "recent", after: null });
    await listThreadsForIssue(db, issue.id, { sort: "supported", after: null });
    await listPostsInThread(db, thread.id);
    await listPostsInThread(db, thread.id, { after: 1 });
    await listNotifications(db, viewer, null);
    await countUnread(db, viewer.id);
    await listProfilePosts(db, viewer.id, null);
    await listIssuesIn(db, { areaId: issue.area_id }, null, now);
    await listIssuesIn(db, { categoryId: issue.category_id }, null, now);
    await listUnansweredQuestions(db, { olderThanDays: 5, now, after: null });
    await listHomeSections(db, issue.area_id, now);
    await listHomeSections(db, null, now);
    await getParticipation(db, issue.id);
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
});
