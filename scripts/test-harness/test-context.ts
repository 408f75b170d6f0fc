/** What a test file uses to reach the harness's real services. */
import { inject } from "vitest";
import { cloneTestDatabase, type TestDatabase } from "./databases";

export function openTestDatabase(): Promise<TestDatabase> {
  return cloneTestDatabase(inject("postgresAdminUrl"), inject("templateDatabase"));
}

export function meilisearchConnection(): { url: string; apiKey: string } {
  return { url: inject("meiliUrl"), apiKey: inject("meiliKey") };
}
