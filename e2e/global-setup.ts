/**
 * Starts real services and the production server for the e2e run; the returned
 * function tears all of it down, even when tests fail.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { stopChild } from "../scripts/lib/meilisearch-process";
import { findFreePort, waitFor } from "../scripts/lib/process-tools";

const E2E_METRICS_TOKEN = "e2e-metrics-token-not-a-secret";
import { startTestServices } from "../scripts/test-harness/services";
import {
  startIdentityProvider,
  type TestIdentityProvider,
} from "../scripts/test-harness/identity-provider";

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `parley_e2e_${process.pid}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function globalSetup() {
  const services = await startTestServices();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-e2e-"));
  let identityProvider: TestIdentityProvider | null = null;
  try {
    const port = await findFreePort();
    const url = `http://127.0.0.1:${port}`;
    // The council's identity provider, in this process: staff sign in through it.
    identityProvider = await startIdentityProvider(url);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      PARLEY_DATA_DIR: dataDir,
      MEILI_URL: services.meiliUrl,
      MEILI_MASTER_KEY: services.meiliKey,
      LOG_LEVEL: "warn",
      // Every e2e browser comes from 127.0.0.1: per-IP limits sized for a town, not a test run.
      PARLEY_REGISTRATIONS_PER_IP_HOUR: "10000",
      PARLEY_SIGN_INS_PER_IP: "10000",
      // The hostile-input walker alone sends dozens of searches from the same address.
      PARLEY_SEARCHES_PER_MINUTE: "10000",
      PARLEY_API_REQUESTS_PER_MINUTE: "10000",
      // Figures counted on every request, so a test sees what it just did (the kept
      // snapshots and their refresh are tested in figure-snapshots.server.test.ts).
      PARLEY_FIGURES_MAX_AGE_MINUTES: "0",
      // Prometheus' scrape token: /metrics answers only a request bearing it.
      PARLEY_METRICS_TOKEN: E2E_METRICS_TOKEN,
      PARLEY_OIDC_PROVIDERS: identityProvider.parleyConfiguration,
    };
    if (services.postgresAdminUrl)
      env.DATABASE_URL = await createDatabase(services.postgresAdminUrl);
    else delete env.DATABASE_URL;

    mkdirSync("test-results", { recursive: true });
    const log = openSync("test-results/e2e-server.log", "w");
    const server = spawn(process.execPath, ["scripts/run.js", "start"], {
      env,
      stdio: ["ignore", log, log],
    });
    let exited = false;
    server.once("exit", () => (exited = true));
    await waitFor(
      async () => {
        if (exited)
          throw new Error("The Parley server exited during start; see test-results/e2e-server.log");
        return (await fetch(`${url}/healthz`).catch(() => null))?.ok === true;
      },
      { timeoutMs: 120_000, what: "the Parley server", intervalMs: 250 },
    );
    process.env.PARLEY_E2E_URL = url;
    process.env.PARLEY_E2E_METRICS_TOKEN = E2E_METRICS_TOKEN;
    process.env.PARLEY_E2E_IDENTITY_PROVIDER = identityProvider.issuer;
    // Mail is written as .eml files here; the account journeys read what was delivered.
    process.env.PARLEY_E2E_MAIL_DIR = path.join(dataDir, "mail");
    // Test setup that has no page of its own (vouching for a test account) writes directly.
    if (env.DATABASE_URL) process.env.PARLEY_E2E_DATABASE_URL = env.DATABASE_URL;
    console.log(
      `e2e: Parley at ${url} on ${services.postgresDescription} and ${services.meiliDescription}`,
    );

    return async () => {
      await stopChild(server);
      await identityProvider?.stop();
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  } catch (error) {
    await identityProvider?.stop();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
