/** The state of what Parley depends on, for /healthz and the start banner. */
import { sql } from "kysely";
import type { SearchState } from "./search.server";
import type { AppServices } from "./services.server";

export interface Health {
  status: "ok" | "degraded" | "down";
  database: "ok" | "down";
  databaseKind: AppServices["dbKind"];
  search: SearchState;
}

export async function checkHealth(
  services: Pick<AppServices, "db" | "dbKind" | "search">,
): Promise<Health> {
  const [database, search] = await Promise.all([
    withTimeout(
      sql`select 1`.execute(services.db).then(() => "ok" as const),
      2_000,
    ).catch(() => "down" as const),
    services.search ? services.search.checkHealth() : Promise.resolve("disabled" as const),
  ]);
  const status = database === "down" ? "down" : search === "ok" ? "ok" : "degraded";
  return { status, database, databaseKind: services.dbKind, search };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
