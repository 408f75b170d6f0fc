/**
 * The real services tests run against: PostgreSQL (DATABASE_URL, else a throwaway
 * cluster from the machine's PostgreSQL 15 binaries, else PGlite — said loudly) and
 * Meilisearch (MEILI_URL, else the bundled binary). `stop()` tears down what it started.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { hasMeilisearchBinary, startLocalMeilisearch } from "../lib/meilisearch-process";
import { hasPostgresBinaries, startTestCluster } from "../lib/postgres-cluster";

export interface TestServices {
  /** A URL with rights to create databases, or null when tests fall back to PGlite. */
  postgresAdminUrl: string | null;
  /** What the tests run on, for the log: e.g. "PostgreSQL 15.18 (throwaway cluster)". */
  postgresDescription: string;
  meiliUrl: string;
  meiliKey: string;
  meiliDescription: string;
  stop(): Promise<void>;
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>("show server_version");
    return result.rows[0]?.server_version ?? "unknown";
  } finally {
    await client.end();
  }
}

function banner(lines: string[]) {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = "=".repeat(width);
  console.log([rule, ...lines.map((l) => `  ${l}`), rule].join("\n"));
}

export async function startTestServices(): Promise<TestServices> {
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await Promise.resolve(fn()).catch(() => {});
  };
  try {
    let postgresAdminUrl: string | null;
    let postgresDescription: string;
    if (process.env.DATABASE_URL) {
      postgresAdminUrl = process.env.DATABASE_URL;
      postgresDescription = `PostgreSQL ${await serverVersion(postgresAdminUrl)} (DATABASE_URL)`;
    } else if (hasPostgresBinaries()) {
      const cluster = await startTestCluster();
      stops.push(() => cluster.stop());
      postgresAdminUrl = cluster.adminUrl;
      postgresDescription = `PostgreSQL ${await serverVersion(cluster.adminUrl)} (throwaway cluster on port ${cluster.port})`;
    } else {
      postgresAdminUrl = null;
      postgresDescription =
        "PGlite — NO POSTGRESQL SERVER FOUND (set DATABASE_URL or install PostgreSQL 15)";
    }

    let meiliUrl: string;
    let meiliKey: string;
    let meiliDescription: string;
    if (process.env.MEILI_URL) {
      meiliUrl = process.env.MEILI_URL;
      meiliKey = process.env.MEILI_MASTER_KEY ?? "";
      meiliDescription = `Meilisearch at ${meiliUrl} (MEILI_URL)`;
    } else if (hasMeilisearchBinary()) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "parley-meili-"));
      meiliKey = randomBytes(24).toString("hex");
      const meili = await startLocalMeilisearch({ dataDir: dir, masterKey: meiliKey });
      stops.push(async () => {
        await meili.stop();
        rmSync(dir, { recursive: true, force: true });
      });
      meiliUrl = meili.url;
      const version = (await (
        await fetch(`${meili.url}/version`, { headers: { Authorization: `Bearer ${meiliKey}` } })
      ).json()) as { pkgVersion?: string };
      meiliDescription = `Meilisearch ${version.pkgVersion ?? "?"} (bundled binary at ${meili.url})`;
    } else {
      throw new Error(
        "No Meilisearch for the tests: set MEILI_URL (and MEILI_MASTER_KEY), or install on Linux x64 where the bundled binary exists.",
      );
    }

    banner([`Tests run on ${postgresDescription}`, `and ${meiliDescription}`]);
    return { postgresAdminUrl, postgresDescription, meiliUrl, meiliKey, meiliDescription, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
