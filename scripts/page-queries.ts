/**
 * `npm run page-queries`: how many queries, and how many sequential round trips, each of
 * the big pages' loaders makes, on the seeded demo council, per kind of viewer.
 *
 * Starts a throwaway PostgreSQL, seeds the demo, and calls each route's loader directly
 * with a Kysely whose log records when every query ran. A "round trip" is a wave of
 * queries that overlap in time: queries run in parallel count once.
 *
 *   npm run page-queries
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Viewer } from "../app/auth.server";
import { readConfig } from "../app/config.server";
import { createLogger } from "../app/log.server";
import { createAppServices } from "../app/services.server";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";
import { seedDemoCouncil } from "../seeds/demo-council";
import { startTestCluster } from "./lib/postgres-cluster";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
const ROUTES: Record<string, () => Promise<{ loader: Loader }>> = {
  home: () => import("../app/routes/_index/route"),
  issue: () => import("../app/routes/issues.$slug/route"),
  thread: () => import("../app/routes/threads.$id/route"),
  "moderation queue": () => import("../app/routes/moderation._index/route"),
  "moderation item": () => import("../app/routes/moderation.items.$id/route"),
};

/** When each query started and ended, for the current measurement. */
let spans: { start: number; end: number }[] = [];

function roundTrips(list: { start: number; end: number }[]): number {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  let waves = 0;
  let reach = -Infinity;
  for (const span of sorted) {
    if (span.start > reach) waves++;
    reach = Math.max(reach, span.end);
  }
  return waves;
}

async function main() {
  const cluster = await startTestCluster();
  const pool = new pg.Pool({ connectionString: cluster.adminUrl, max: 10 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log(event) {
      const end = performance.now();
      spans.push({ start: end - event.queryDurationMillis, end });
    },
  });
  try {
    process.stdout.write("Seeding the demo council… ");
    await migrateToLatest(db);
    await seedDemoCouncil(db, { now: new Date() });
    console.log("done.");
    const config = readConfig({ ...process.env, DATABASE_URL: cluster.adminUrl });
    const services = createAppServices({
      config,
      db,
      dbKind: "postgres",
      search: null,
      log: createLogger("silent"),
      secret: "page-queries",
    });
    const viewerFor = async (role: string): Promise<Viewer> => {
      const user = await db
        .selectFrom("users")
        .select(["id", "display_name", "role", "team"])
        .where("role", "=", role as Viewer["role"])
        .orderBy("id")
        .executeTakeFirstOrThrow();
      return {
        id: user.id,
        displayName: user.display_name,
        role: user.role,
        team: user.team,
        suspendedUntil: null,
        bannedAt: null,
        sanctionReason: null,
        mustVerifyEmail: false,
        secondFactorAt: null,
        secondFactorMethod: null,
      };
    };
    const busiestThread = await db
      .selectFrom("threads")
      .select(["threads.id", "threads.issue_id"])
      .orderBy("threads.reply_count", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const issue = await db
      .selectFrom("issues")
      .select("slug")
      .where("id", "=", busiestThread.issue_id)
      .executeTakeFirstOrThrow();
    const item = await db
      .selectFrom("moderation_items")
      .select("id")
      .where(sql<boolean>`status = 'open'`)
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    const viewers: Record<string, Viewer | null> = {
      anonymous: null,
      resident: await viewerFor("resident"),
      moderator: await viewerFor("moderator"),
    };
    const cases: { page: string; path: string; params: Record<string, string>; who: string[] }[] = [
      { page: "home", path: "/", params: {}, who: ["anonymous", "resident"] },
      {
        page: "issue",
        path: `/issues/${issue.slug}`,
        params: { slug: issue.slug },
        who: ["anonymous", "resident"],
      },
      {
        page: "thread",
        path: `/threads/${busiestThread.id}`,
        params: { id: String(busiestThread.id) },
        who: ["anonymous", "resident", "moderator"],
      },
      { page: "moderation queue", path: "/moderation", params: {}, who: ["moderator"] },
      {
        page: "moderation item",
        path: `/moderation/items/${item.id}`,
        params: { id: String(item.id) },
        who: ["moderator"],
      },
    ];
    console.log("\npage               viewer      queries  round trips");
    for (const entry of cases) {
      const { loader } = await ROUTES[entry.page]!();
      for (const who of entry.who) {
        const request = new Request(`http://localhost${entry.path}`);
        const context = {
          services,
          viewer: viewers[who]!,
          sessionId: null,
          requestId: "page-queries",
          clientIp: "127.0.0.1",
          cspNonce: "",
        };
        // Once to warm up, once to count.
        await loader({ request, params: entry.params, context } as unknown as LoaderFunctionArgs);
        spans = [];
        await loader({ request, params: entry.params, context } as unknown as LoaderFunctionArgs);
        console.log(
          `${entry.page.padEnd(18)} ${who.padEnd(11)} ${String(spans.length).padStart(7)}  ${String(roundTrips(spans)).padStart(11)}`,
        );
      }
    }
  } finally {
    await db.destroy();
    cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
