/**
 * Builds the one Kysely instance: a `pg` Pool when a DATABASE_URL is given, otherwise
 * PGlite (real PostgreSQL compiled to WASM) persisted on disk, so `npm start` needs
 * no database server. Same SQL and same migrations on both.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, type KyselyConfig } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export type DatabaseKind = "postgres" | "pglite";

/** A connection pool's state, for /metrics. */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where the data lives, for logs: a URL without its password, or a folder. */
  location: string;
  /** The pool's state now; null for PGlite, which has one connection and no pool. */
  poolUse(): PoolUse | null;
  /**
   * Calls `onNotify` after each commit of a transaction that ran `pg_notify(channel, …)`,
   * and once more whenever the listening connection comes back after a database restart
   * (notifications sent meanwhile are lost, so the listener should look for itself).
   * Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string;
  /** Folder for PGlite's files when no databaseUrl is given. */
  dataDir: string;
  /** Pool size for `pg`; PGlite is single-connection by nature. */
  maxConnections?: number;
  /** Told each query's duration (the server's Server-Timing header). */
  onQuery?: (ms: number) => void;
}

/** Opens the database described by the options. */
export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  const log = queryLog(options.onQuery);
  if (options.databaseUrl)
    return connectPostgres(options.databaseUrl, options.maxConnections ?? 10, log);
  return connectPglite(path.join(options.dataDir, "pglite"), log);
}

/**
 * Planner settings for every connection the app opens. PostgreSQL's default
 * random_page_cost (4) models spinning disks; on the SSDs and cloud volumes a council runs
 * on, 1.1 is the usual setting. With 4, a thread that holds a large share of all posts
 * made the planner walk the posts' primary key and filter by thread for the thread page:
 * thousands of rows read for 50 shown (the query-plan test's lopsided council). This
 * overrides the server's setting for the app's own connections only.
 */
export const PLANNER_OPTIONS = "-c random_page_cost=1.1";

function queryLog(onQuery: ((ms: number) => void) | undefined): KyselyConfig["log"] {
  if (!onQuery) return undefined;
  return (event) => onQuery(event.queryDurationMillis);
}

function connectPostgres(
  databaseUrl: string,
  max: number,
  log: KyselyConfig["log"],
): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    options: PLANNER_OPTIONS,
    max,
    // While the server is down or restarting, a request waits this long for a connection,
    // then fails (503) instead of hanging.
    connectionTimeoutMillis: 5_000,
  });
  // A server restart (57P01) reaches every open connection as an 'error' event: on an idle
  // client through the pool, on a checked-out one (mid-transaction) through the client
  // itself. Unheard, either would crash the process. The query in flight still rejects,
  // its transaction is rolled back by the server, and the pool drops the dead client and
  // opens a fresh one on the next checkout.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return {
    db,
    kind: "postgres",
    location: redactPassword(databaseUrl),
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    listen: (channel, onNotify) => listenOnPostgres(databaseUrl, channel, onNotify),
    close: () => db.destroy(),
  };
}

const RECONNECT_MS = 1_000;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other work). When
 * the server goes away the connection ends; it is opened again every second until the
 * server is back, and the listener is told, to catch up on what it missed.
 */
async function listenOnPostgres(
  databaseUrl: string,
  channel: string,
  onNotify: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const scheduleReconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, RECONNECT_MS);
    retry.unref();
  };
  const connect = async () => {
    const candidate = new pg.Client({ connectionString: databaseUrl });
    candidate.on("notification", () => onNotify());
    // A restart reaches the connection as an error, then an end: reconnect, never crash.
    candidate.on("error", () => {});
    candidate.on("end", () => {
      if (client === candidate) client = null;
      scheduleReconnect();
    });
    try {
      await candidate.connect();
      await candidate.query(`listen ${candidate.escapeIdentifier(channel)}`);
      if (stopped) return void (await candidate.end());
      client = candidate;
      onNotify();
    } catch {
      await candidate.end().catch(() => {});
      scheduleReconnect();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

async function connectPglite(folder: string, log: KyselyConfig["log"]): Promise<DatabaseHandle> {
  mkdirSync(folder, { recursive: true });
  // Loaded lazily: a pg deployment never pays for the WASM module.
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("kysely-pglite-dialect"),
  ]);
  const pglite = await PGlite.create(folder);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log });
  return {
    db,
    kind: "pglite",
    location: folder,
    poolUse: () => null,
    listen: async (channel, onNotify) => {
      const unlisten = await pglite.listen(channel, () => onNotify());
      return () => unlisten();
    },
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
