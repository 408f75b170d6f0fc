/**
 * `npm start` as a newcomer runs it: no DATABASE_URL, no MEILI_URL. It must come up on
 * PGlite and a local Meilisearch, keep its data across a restart, and stop its
 * Meilisearch child on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
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
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
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
    expect(await stopWithSigterm(first)).toBe(0);
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
