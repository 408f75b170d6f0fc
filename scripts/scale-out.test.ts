/**
 * Scale-out, shown rather than claimed: two app processes on two ports and two worker
 * processes, all on one PostgreSQL and one Meilisearch, as README "Production" describes.
 * A session made on one app works on the other; failed sign-ins count across both; every
 * outbox event is handled once, with nothing lost or retried, whichever worker took it; and
 * both apps find the same posts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../app/passwords.server";
import { createSearchService } from "../app/search.server";
import type { TestDatabase } from "./test-harness/databases";
import { makeIssue, makeUser } from "./test-harness/factories";
import { meilisearchConnection, openTestDatabase } from "./test-harness/test-context";
import { findFreePort, waitFor } from "./lib/process-tools";

const PASSWORD = "a long enough password";
/** Failed sign-ins per IP address per 15 minutes, across every app process. */
const SIGN_INS_PER_IP = 3;
/** Fewer than the flood rule allows in ten minutes (five), so none is held for a moderator. */
const REPLIES = 4;

interface Running {
  child: ChildProcess;
  output: () => string;
}

let t: TestDatabase;
const dataDirs: string[] = [];
const processes: Running[] = [];
const apps: string[] = [];
const indexUid = `scale_out_${randomBytes(4).toString("hex")}`;

function launch(program: string, env: NodeJS.ProcessEnv, ready: string): Promise<Running> {
  const child = spawn(process.execPath, ["scripts/run.js", program], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const running = { child, output: () => output };
  processes.push(running);
  return waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${program} exited early:\n${output}`);
      return output.includes(ready);
    },
    { timeoutMs: 120_000, what: program },
  ).then(() => running);
}

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-scale-out-"));
  dataDirs.push(dataDir);
  const { url, apiKey } = meilisearchConnection();
  return {
    ...process.env,
    DATABASE_URL: t.url ?? "",
    MEILI_URL: url,
    MEILI_MASTER_KEY: apiKey,
    PARLEY_SEARCH_INDEX: indexUid,
    PARLEY_DATA_DIR: dataDir,
    PARLEY_DEMO: "off",
    PARLEY_WORKER: "off",
    PARLEY_SECRET: "scale-out-test-secret-shared-by-every-process",
    PARLEY_SIGN_INS_PER_IP: String(SIGN_INS_PER_IP),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

beforeAll(async () => {
  t = await openTestDatabase();
  if (!t.url) return;
  const ports = [await findFreePort(), await findFreePort()];
  await Promise.all(
    ports.map((port) =>
      launch("start", environment({ PORT: String(port) }), "Press Ctrl-C to stop."),
    ),
  );
  apps.push(...ports.map((port) => `http://127.0.0.1:${port}`));
  // Workers log at info when they start; the apps run none of their own.
  await Promise.all(
    [1, 2].map(() => launch("worker", environment({ LOG_LEVEL: "info" }), "worker started")),
  );
}, 300_000);

afterAll(async () => {
  await Promise.all(
    processes.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

/** A person who can sign in with PASSWORD. */
async function makeResident(): Promise<{ id: number; email: string }> {
  const viewer = await makeUser(t.db);
  const row = await t.db
    .updateTable("users")
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where("id", "=", viewer.id)
    .returning("email")
    .executeTakeFirstOrThrow();
  return { id: viewer.id, email: row.email };
}

/** A form POST to one app, from that app's own pages (its Origin), without following redirects. */
function post(app: string, url: string, form: Record<string, string>, cookie = "") {
  return fetch(`${app}${url}`, {
    method: "POST",
    headers: {
      Origin: app,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
}

async function signIn(app: string, email: string): Promise<string> {
  const response = await post(app, "/sign-in", { email, password: PASSWORD });
  expect(response.status, `signing in at ${app}`).toBe(303);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** The post links a search page lists, sorted. */
async function foundPosts(app: string, words: string): Promise<string[]> {
  const html = await (await fetch(`${app}/search?q=${encodeURIComponent(words)}`)).text();
  return [...new Set(html.match(/\/posts\/\d+/g) ?? [])].sort();
}

describe("two app processes and two workers on one database and one Meilisearch", () => {
  it("share sessions, rate limits, the outbox and the index", async () => {
    if (!t.url) return; // PGlite allows one process per data folder: nothing to scale out
    const [a = "", b = ""] = apps;
    const issue = await makeIssue(t.db);
    const author = await makeResident();
    const replier = await makeResident();

    // A session made on A is recognised on B.
    const authorCookie = await signIn(a, author.email);
    const onB = await fetch(`${b}/account`, {
      headers: { Cookie: authorCookie },
      redirect: "manual",
    });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("Sign out");

    // The author starts a thread through B; the replier answers through both, in turn.
    const started = await post(
      b,
      `/issues/${issue.slug}/new-thread`,
      { kind: "discussion", title: "Scale-out thread", body: "Started on app B." },
      authorCookie,
    );
    expect(started.status).toBe(303);
    const threadId = /\/threads\/(\d+)/.exec(started.headers.get("location") ?? "")?.[1];
    const replierCookie = await signIn(b, replier.email);
    for (let i = 0; i < REPLIES; i++) {
      const app = i % 2 === 0 ? a : b;
      const replied = await post(
        app,
        `/threads/${threadId}`,
        { intent: "reply", body: `Reply ${i} with the word zephyrquill, through ${app}.` },
        replierCookie,
      );
      expect(replied.status, `reply ${i}`).toBe(303);
    }

    // Every event the writes queued is handled, each once: none failed, none retried.
    await waitFor(
      async () =>
        (await t.db.selectFrom("outbox").select("id").where("done_at", "is", null).execute())
          .length === 0,
      { timeoutMs: 120_000, what: "the workers to drain the outbox" },
    );
    const events = await t.db.selectFrom("outbox").select(["topic", "attempts"]).execute();
    expect(events.length).toBeGreaterThanOrEqual(REPLIES);
    expect(events.filter((event) => event.attempts > 0)).toEqual([]);
    // The author hears of every reply, once each.
    const heard = await t.db
      .selectFrom("notifications")
      .select("event_key")
      .where("user_id", "=", author.id)
      .execute();
    expect(heard.length).toBe(REPLIES);
    expect(new Set(heard.map((n) => n.event_key)).size).toBe(REPLIES);

    // Both apps find the same replies, once Meilisearch has applied what the workers sent.
    await createSearchService({ ...meilisearchConnection(), indexUid }).settle();
    const fromA = await foundPosts(a, "zephyrquill");
    expect(fromA).toHaveLength(REPLIES);
    expect(await foundPosts(b, "zephyrquill")).toEqual(fromA);

    // Failed sign-ins count across both apps: the limit is spent wherever they were tried.
    for (let i = 0; i < SIGN_INS_PER_IP; i++) {
      const failed = await post(i % 2 === 0 ? a : b, "/sign-in", {
        email: `nobody-${i}@test.example`,
        password: "not the password",
      });
      expect(failed.status, `failed sign-in ${i}`).toBe(400);
    }
    const refused = await post(b, "/sign-in", { email: replier.email, password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  }, 300_000);
});
