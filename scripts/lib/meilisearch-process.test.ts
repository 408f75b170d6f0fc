import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startLocalMeilisearch } from "./meilisearch-process";
import { waitFor } from "./process-tools";

describe("the embedded Meilisearch", () => {
  it("starts with a master key that begins with a dash, and stops", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "parley-meili-key-"));
    try {
      const meili = await startLocalMeilisearch({
        dataDir: dir,
        masterKey: "-0starts-with-a-dash-0123456789",
      });
      const keys = await fetch(`${meili.url}/keys`, {
        headers: { Authorization: "Bearer -0starts-with-a-dash-0123456789" },
      });
      expect(keys.status).toBe(200);
      const refused = await fetch(`${meili.url}/keys`, {
        headers: { Authorization: "Bearer wrong" },
      });
      expect(refused.status).toBe(403);
      await meili.stop();
      expect(await fetch(`${meili.url}/health`).catch(() => null)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("one Meilisearch per data folder, with no secret on its command line", () => {
  it("keeps the master key out of the command line that ps shows", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "parley-meili-ps-"));
    const key = "secret-key-never-in-ps-0123456789";
    const meili = await startLocalMeilisearch({ dataDir: dir, masterKey: key });
    try {
      const pid = Number(readFileSync(path.join(dir, "meilisearch.pid"), "utf8"));
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      expect(commandLine).toContain("meilisearch");
      expect(commandLine).not.toContain(key);
      // The key still works: it came through the environment.
      const keys = await fetch(`${meili.url}/keys`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(keys.status).toBe(200);
    } finally {
      await meili.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops a Meilisearch left behind on the same folder before starting another", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "parley-meili-stale-"));
    const key = "stale-instance-key-0123456789abcdef";
    // A parent that starts Meilisearch and then dies without stopping it.
    const parent = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("./scripts/lib/meilisearch-process.ts").then(async (m) => { const s = await m.startLocalMeilisearch({ dataDir: ${JSON.stringify(dir)}, masterKey: ${JSON.stringify(key)} }); console.log("URL " + s.url); })`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    parent.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => output.includes("URL "), {
      timeoutMs: 60_000,
      what: "a first Meilisearch",
    });
    const firstPid = Number(readFileSync(path.join(dir, "meilisearch.pid"), "utf8"));
    const firstUrl = /URL (\S+)/.exec(output)![1]!;
    try {
      parent.kill("SIGKILL");
      const second = await startLocalMeilisearch({ dataDir: dir, masterKey: key });
      try {
        // Either the kernel already took it with its parent, or the new start stopped it.
        await waitFor(async () => (await fetch(`${firstUrl}/health`).catch(() => null)) === null, {
          timeoutMs: 30_000,
          what: "the first Meilisearch to be gone",
        });
        expect(Number(readFileSync(path.join(dir, "meilisearch.pid"), "utf8"))).not.toBe(firstPid);
        expect((await fetch(`${second.url}/health`)).ok).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      try {
        process.kill(firstPid, "SIGKILL");
      } catch {
        // already gone, as it should be
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
