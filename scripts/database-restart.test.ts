/**
 * The fault suite: PostgreSQL goes away under a running Parley (npm start's process,
 * with its worker, on a real PostgreSQL 15 and a real Meilisearch), as it does when an
 * operations team restarts it.
 *
 * 1. Stopped: /healthz says the database is down, pages answer 503 with a page that
 *    says so, and the process stays up; started again: everything answers.
 * 2. Restarted (`pg_ctl restart -m fast`) in the middle of a bounded stream of mixed
 *    writes (replies, supports, flags, moderators' decisions): the app and its worker
 *    stay up without a restart; no request answers 500; every request either committed
 *    whole or answered 503; afterwards counters, notifications and the search index
 *    agree with the rows.
 */
import { signInSettingUp } from "./lib/staff-sign-in";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../app/domain/users.server";
import { createSearchService, type SearchService } from "../app/search.server";
import type { Database } from "../db/schema";
import { startLocalMeilisearch, stopChild, type LocalMeilisearch } from "./lib/meilisearch-process";
import { startTestCluster, type TestCluster } from "./lib/postgres-cluster";
import { findFreePort, waitFor } from "./lib/process-tools";

const PASSWORD = "fault-suite-password-1";
const EVENTUALLY = { timeoutMs: 90_000, intervalMs: 250 };

let cluster: TestCluster;
let meili: LocalMeilisearch;
let server: ChildProcess;
let serverOutput = "";
let base: string;
let db: Kysely<Database>;
let search: SearchService;
const workDir = mkdtempSync(path.join(os.tmpdir(), "parley-fault-"));

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query("create database parley_fault");
  await admin.end();
  const databaseUrl = cluster.adminUrl.replace(/\/postgres$/, "/parley_fault");
  const masterKey = "fault-suite-master-key-0123456789";
  meili = await startLocalMeilisearch({ dataDir: path.join(workDir, "meili"), masterKey });
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["scripts/run.js", "start"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: masterKey,
      PARLEY_DATA_DIR: workDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      PARLEY_SIGN_INS_PER_IP: "10000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  await waitFor(
    async () => {
      if (server.exitCode !== null) throw new Error(`Parley exited at start:\n${serverOutput}`);
      return (await fetch(`${base}/healthz`).catch(() => null))?.ok === true;
    },
    { timeoutMs: 120_000, what: "Parley to start", intervalMs: 250 },
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  search = createSearchService({ url: meili.url, apiKey: masterKey });
}, 180_000);

afterAll(async () => {
  if (server) await stopChild(server);
  await db?.destroy();
  await meili?.stop();
  cluster?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** A signed-in person for HTTP requests: their session cookie. */
async function signIn(email: string): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: "manual",
  });
  expect(response.status).toBe(303);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("parley_session="));
  return cookie!;
}

async function post(cookie: string, url: string, form: Record<string, string>) {
  const response = await fetch(`${base}${url}`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  await response.arrayBuffer();
  return response.status;
}

function serverIsUp(): boolean {
  return server.exitCode === null && server.signalCode === null;
}

describe("PostgreSQL going away under a running Parley", () => {
  it("answers 503 and reports the database down while it is stopped, then recovers by itself", async () => {
    cluster.pause();
    try {
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: "down", database: "down" });
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBeTruthy();
      expect(await page.text()).toContain("can't reach its database");
      const form = await post("", "/sign-in", { email: "a@b.example", password: "whatever-1" });
      expect(form).toBe(503);
      expect(serverIsUp()).toBe(true);
    } finally {
      cluster.resume();
    }
    await waitFor(async () => (await fetch(`${base}/healthz`)).status === 200, {
      ...EVENTUALLY,
      what: "/healthz to report the database up again",
    });
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect(serverIsUp()).toBe(true);
  }, 150_000);

  it("loses nothing when PostgreSQL restarts during a stream of mixed writes", async () => {
    // The people taking part, established and confirmed, and the threads they write in.
    const residents: { id: number; cookie: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const email = `fault-${i}@example.test`;
      const id = await createUser(db, {
        email,
        displayName: `Fault Tester ${i}`,
        password: PASSWORD,
      });
      // Established residents (trust 1, a month old): the first-day limits would refuse
      // the stream's later rounds, and the test is about faults, not flood control.
      // (created_at is never written by the app, so the schema types refuse it: raw SQL.)
      await sql`update users set trust_level = 1, created_at = now() - interval '30 days'
                where id = ${id}`.execute(db);
      residents.push({ id, cookie: await signIn(email) });
    }
    const moderatorEmail = "fault-moderator@example.test";
    await createUser(db, {
      email: moderatorEmail,
      displayName: "Fault Moderator",
      password: PASSWORD,
      role: "moderator",
    });
    // A moderator must use a second factor: set up through the real page.
    const moderator = await signInSettingUp(base, { email: moderatorEmail, password: PASSWORD });
    const open = await db
      .selectFrom("threads")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select(["threads.id", "threads.kind"])
      .where("threads.status", "=", "published")
      .where("issues.status", "=", "open")
      .where("issues.opens_at", "<=", new Date())
      .where("issues.closes_at", ">", new Date())
      .orderBy("threads.id")
      .execute();
    const discussions = open.slice(0, 3).map((t) => t.id);
    const ideas = open.filter((t) => t.kind === "idea").map((t) => t.id);
    expect(discussions.length).toBe(3);
    expect(ideas.length).toBeGreaterThan(0);
    // Flags go to a reply, not an opening post: flags that hid an opening post would hide
    // the whole thread, and replies made meanwhile rightly notify nobody.
    expect(
      await post(residents[0]!.cookie, `/threads/${discussions[0]}`, {
        intent: "reply",
        body: "The reply the others will flag.",
      }),
    ).toBe(303);
    const flagTarget = await db
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", discussions[0]!)
      .where("body_md", "=", "The reply the others will flag.")
      .executeTakeFirstOrThrow();

    const startedAt = async () =>
      (await sql<{ at: Date }>`select pg_postmaster_start_time() as at`.execute(db)).rows[0]!.at;
    const before = await startedAt();

    // The stream, in rounds of 6 requests at once, in three phases whose length does not
    // depend on how fast this machine is: 6 rounds before the restart; rounds while
    // PostgreSQL restarts (at least 6, and until the restart has finished); then, once
    // /healthz says the database is back, 6 more rounds in which every write must work.
    type Phase = "before" | "during" | "after";
    type Attempt = { kind: string; status: number; marker?: string };
    type Outcome = Attempt & { phase: Phase };
    const outcomes: Outcome[] = [];
    const runRound = async (round: number, phase: Phase) => {
      const requests = residents.map(async (resident, i): Promise<Attempt> => {
        const which = (round + i) % 4;
        if (which === 0 || which === 1) {
          const marker = `faultmarker${round}x${i}`;
          const threadId = discussions[(round + i) % discussions.length]!;
          const status = await post(resident.cookie, `/threads/${threadId}`, {
            intent: "reply",
            body: `Round ${round} from tester ${i}: ${marker}.`,
          });
          return { kind: "reply", status, marker };
        }
        if (which === 2) {
          const threadId = ideas[(round + i) % ideas.length]!;
          const intent = round % 2 === 0 ? "support" : "withdraw-support";
          return {
            kind: intent,
            status: await post(resident.cookie, `/threads/${threadId}`, { intent }),
          };
        }
        return {
          kind: "flag",
          status: await post(resident.cookie, `/posts/${flagTarget.id}/flag`, {
            reason: "spam",
            note: "",
          }),
        };
      });
      const item = await db
        .selectFrom("moderation_items")
        .select(["id", "version"])
        .where("post_id", "=", flagTarget.id)
        .where("status", "=", "open")
        .executeTakeFirst()
        .catch(() => undefined);
      const decision = item
        ? post(moderator, `/moderation/items/${item.id}`, {
            intent: "ignore",
            version: String(item.version),
            note: "",
          }).then((status) => ({ kind: "decision", status }))
        : null;
      const settled = await Promise.all([...requests, ...(decision ? [decision] : [])]);
      outcomes.push(...settled.map((outcome) => ({ ...outcome, phase })));
    };
    let round = 0;
    while (round < 6) await runRound(round++, "before");
    let restarted = false;
    const restart = cluster.restart().finally(() => (restarted = true));
    const restartBegan = round;
    while (round < restartBegan + 6 || (!restarted && round < restartBegan + 60)) {
      await runRound(round++, "during");
    }
    await restart;
    await waitFor(async () => (await fetch(`${base}/healthz`)).status === 200, {
      ...EVENTUALLY,
      what: "the database to be back",
    });
    const recoveredAt = round;
    while (round < recoveredAt + 6) await runRound(round++, "after");

    // The app and its worker stayed up, and no request got a 500.
    expect(serverIsUp(), serverOutput).toBe(true);
    const statuses = outcomes.map((o) => `${o.kind} ${o.status}`);
    expect(
      outcomes.filter((o) => o.status >= 500 && o.status !== 503),
      statuses.join(", "),
    ).toEqual([]);
    // Before the restart and once PostgreSQL is back, every reply and support works: the
    // pool recovered by itself, with no restart of Parley. (Flags and decisions are left
    // out: a second flag by the same person is a 409, and enough flags hide the post, so
    // later flags are a 404, whatever the database does.)
    for (const phase of ["before", "after"] as const) {
      const failed = outcomes.filter(
        (o) => o.phase === phase && o.kind !== "decision" && o.kind !== "flag" && o.status !== 303,
      );
      expect(failed, `${phase} the restart`).toEqual([]);
    }
    expect((await startedAt()).getTime(), "PostgreSQL restarted during the stream").toBeGreaterThan(
      before.getTime(),
    );

    // Every reply answered 303 committed; any reply that committed did so whole.
    const replies = outcomes.filter((o) => o.kind === "reply");
    const stored = await db
      .selectFrom("posts")
      .select(["id", "body_md", "thread_id", "status"])
      .where("body_md", "like", "%faultmarker%")
      .execute();
    const storedMarkers = new Map(
      stored.map((p) => [/faultmarker\d+x\d+/.exec(p.body_md)![0], p] as const),
    );
    for (const reply of replies) {
      if (reply.status === 303) expect(storedMarkers.has(reply.marker!), reply.marker).toBe(true);
    }
    expect(stored.length).toBe(storedMarkers.size); // never twice

    // The worker, still running, catches up: the outbox drains completely.
    await waitFor(
      async () => {
        const { pending } = await db
          .selectFrom("outbox")
          .select(sql<number>`count(*)::int`.as("pending"))
          .where("done_at", "is", null)
          .executeTakeFirstOrThrow();
        return pending === 0;
      },
      { ...EVENTUALLY, what: "the outbox to drain after the restart" },
    );

    // Counters agree with the rows.
    for (const threadId of [...discussions, ...ideas]) {
      const thread = await db
        .selectFrom("threads")
        .select(["reply_count", "support_count"])
        .where("id", "=", threadId)
        .executeTakeFirstOrThrow();
      const { published } = await db
        .selectFrom("posts")
        .select(sql<number>`count(*)::int`.as("published"))
        .where("thread_id", "=", threadId)
        .where("status", "=", "published")
        .executeTakeFirstOrThrow();
      const { supports } = await db
        .selectFrom("supports")
        .select(sql<number>`count(*)::int`.as("supports"))
        .where("thread_id", "=", threadId)
        .executeTakeFirstOrThrow();
      expect(thread.reply_count, `replies of thread ${threadId}`).toBe(published - 1);
      expect(thread.support_count, `supports of thread ${threadId}`).toBe(supports);
    }
    const openItems = await db
      .selectFrom("moderation_items")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("post_id", "=", flagTarget.id)
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    expect(openItems.n).toBeLessThanOrEqual(1);

    // Notifications agree: each committed reply told its thread's starter once (where the
    // starter still has an account and has not switched replies off).
    // (The rules hold some replies for a moderator, flooding for one: those notify nobody.)
    const published = stored.filter((p) => p.status === "published");
    expect(published.length).toBeGreaterThan(10);
    for (const post of published) {
      const thread = await db
        .selectFrom("threads")
        .innerJoin("users", "users.id", "threads.author_id")
        .select(["threads.author_id", "users.deleted_at"])
        .where("threads.id", "=", post.thread_id)
        .executeTakeFirstOrThrow();
      const muted = await db
        .selectFrom("notification_mutes")
        .select("user_id")
        .where("user_id", "=", thread.author_id)
        .where("kind", "=", "reply")
        .executeTakeFirst();
      if (thread.deleted_at || muted) continue;
      const told = await db
        .selectFrom("notifications")
        .select("id")
        .where("user_id", "=", thread.author_id)
        .where("kind", "=", "reply")
        .where(sql<boolean>`(payload->'refs'->>'postId')::int = ${post.id}`)
        .execute();
      const events = await db
        .selectFrom("outbox")
        .select(["id", "topic", "attempts", "last_error", "done_at"])
        .where(sql<boolean>`(payload->>'postId')::int = ${post.id}`)
        .execute();
      expect(
        told.length,
        `notification for reply ${post.id} to ${thread.author_id}: ${JSON.stringify(events)}`,
      ).toBe(1);
    }

    // The search index agrees: every published reply is found at its own address, and no
    // reply that is not public is. (Markers differ by a digit or two, so typo tolerance
    // finds neighbours too: what counts is the exact post's address among the hits.)
    const urlsFor = async (marker: string) =>
      (await search.search({ q: marker, sort: "relevance", page: 1, hitsPerPage: 100 })).hits.map(
        (hit) => hit.url,
      );
    const markerOf = (body: string) => /faultmarker\d+x\d+/.exec(body)![0];
    await waitFor(
      async () => {
        for (const post of published) {
          if (!(await urlsFor(markerOf(post.body_md))).includes(`/posts/${post.id}`)) return false;
        }
        return true;
      },
      { ...EVENTUALLY, what: "every published reply to be findable" },
    );
    for (const post of stored.filter((p) => p.status !== "published")) {
      expect(await urlsFor(markerOf(post.body_md)), `held reply ${post.id}`).not.toContain(
        `/posts/${post.id}`,
      );
    }
    expect(serverIsUp()).toBe(true);
  }, 300_000);
});
