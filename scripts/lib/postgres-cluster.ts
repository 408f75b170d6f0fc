/**
 * A throwaway PostgreSQL cluster for tests, built from the machine's PostgreSQL 15
 * binaries. initdb refuses to run as root, so when we are root the cluster is owned
 * by (and run as) the `postgres` system user.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, mkdtempSync, rmSync, chmodSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "./process-tools";

const execFileAsync = promisify(execFile);

export const POSTGRES_BIN_DIR = process.env.PARLEY_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface TestCluster {
  /** URL of the `postgres` maintenance database; make your own databases from it. */
  adminUrl: string;
  port: number;
  version: string;
  /**
   * `pg_ctl restart -m fast`: what an operations team does on a Sunday night. Async, so
   * a test's own requests keep flowing while the server goes down and comes back.
   */
  restart(): Promise<void>;
  /** Stops the server (fast shutdown) and keeps its data, until `resume()`. */
  pause(): void;
  resume(): void;
  stop(): void;
}

export function hasPostgresBinaries(): boolean {
  return existsSync(path.join(POSTGRES_BIN_DIR, "initdb"));
}

/**
 * initdb + pg_ctl start on a free port; returns once it accepts connections. With
 * `keepIn`, the cluster lives in that folder and survives `stop()`: a later call with
 * the same folder starts it again with its data (the benchmark's large council).
 */
export async function startTestCluster(options: { keepIn?: string } = {}): Promise<TestCluster> {
  const asRoot = process.getuid?.() === 0;
  const root = options.keepIn
    ? path.resolve(options.keepIn)
    : mkdtempSync(path.join(os.tmpdir(), "parley-pg-"));
  mkdirSync(root, { recursive: true });
  const dataDir = path.join(root, "pgdata");
  const existing = existsSync(path.join(dataDir, "PG_VERSION"));
  const logFile = path.join(root, "postgres.log");
  const port = await findFreePort();

  const run = (binary: string, args: string[]) => {
    const command = path.join(POSTGRES_BIN_DIR, binary);
    const result = asRoot
      ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" })
      : spawnSync(command, args, { encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`${binary} failed: ${result.stderr || result.stdout}`);
    }
    return result.stdout;
  };

  if (asRoot) {
    chmodSync(root, 0o755);
    execFileSync("chown", ["postgres:postgres", root]);
  }
  writeFileSync(logFile, "");
  if (asRoot) execFileSync("chown", ["postgres:postgres", logFile]);

  if (!existing)
    run("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
      "--no-sync",
    ]);
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () =>
    run("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "start"]);
  start();
  const version = run("postgres", ["--version"]).trim();

  let stopped = false;
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    version,
    async restart() {
      const args = [
        "-D",
        dataDir,
        "-l",
        logFile,
        "-o",
        serverOptions,
        "-m",
        "fast",
        "-w",
        "restart",
      ];
      const command = path.join(POSTGRES_BIN_DIR, "pg_ctl");
      await (asRoot
        ? execFileAsync("runuser", ["-u", "postgres", "--", command, ...args])
        : execFileAsync(command, args));
    },
    pause() {
      run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
    },
    resume() {
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (options.keepIn) return void run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
