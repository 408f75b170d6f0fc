/**
 * `npm start` as a newcomer runs it: no DATABASE_URL, no MEILI_URL. It must come up on
 * PGlite and a local Meilisearch, keep its data across a restart, keep its data folder
 * private, and stop its whole tree (server and Meilisearch) when a process manager sends
 * SIGTERM to the PID it started: npm's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, waitFor } from "./lib/process-tools";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startParley(): Promise<Running> {
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARLEY_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  delete env.MEILI_URL;
  delete env.MEILI_MASTER_KEY;
  const child = spawn("npm", ["start", "--silent"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      return output.includes("Press Ctrl-C to stop.");
    },
    { timeoutMs: 90_000, what: "npm start" },
  );
  return { child, url, output: () => output };
}

/** Every process below `pid`, read from /proc (children of children too). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopWithSigterm(running: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    running.child.once("exit", (code) => resolve(code)),
  );
  running.child.kill("SIGTERM");
  return exited;
}

function registerForm(url: string, fields: Record<string, string>, path = "/register") {
  return fetch(`${url}${path}`, {
    method: "POST",
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

describe("npm start on embedded defaults", () => {
  it("serves the seeded council, keeps data across a restart, and stops Meilisearch with it", async () => {
    const first = await startParley();
    expect(first.output()).toContain("Seeding the Northbridge Borough Council demo");
    expect(first.output()).toMatch(/database: PGlite \(embedded\)/);
    const health = await (await fetch(`${first.url}/healthz`)).json();
    expect(health).toEqual({ status: "ok", database: "ok", databaseKind: "pglite", search: "ok" });
    expect(await (await fetch(first.url)).text()).toContain("Resurfacing Mill Lane");

    const account = {
      email: "restart@example.org",
      displayName: "Restart Tester",
      password: "kept across restarts",
    };
    expect((await registerForm(first.url, account)).status).toBe(303);

    const meiliUrl = /local Meilisearch at (http:\/\/[\d.:]+)/.exec(first.output())?.[1];
    expect(meiliUrl).toBeDefined();
    expect(statSync(dataDir).mode & 0o777, "the data folder is private to its owner").toBe(0o700);
    const tree = descendants(first.child.pid!);
    expect(
      tree.length,
      "npm start runs the server and Meilisearch below it",
    ).toBeGreaterThanOrEqual(2);
    expect(await stopWithSigterm(first)).toBe(0);
    await waitFor(async () => tree.every((pid) => !isAlive(pid)), {
      timeoutMs: 15_000,
      what: "every process npm start ran to stop",
    });
    const meiliAfterStop = await fetch(`${meiliUrl}/health`).catch(() => null);
    expect(meiliAfterStop, "Meilisearch still answers after npm start stopped").toBeNull();

    const second = await startParley();
    try {
      expect(second.output()).not.toContain("Seeding");
      const signIn = await registerForm(
        second.url,
        { email: account.email, password: account.password },
        "/sign-in",
      );
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get("set-cookie")).toMatch(/parley_session=/);
    } finally {
      expect(await stopWithSigterm(second)).toBe(0);
    }
  }, 180_000);
});
