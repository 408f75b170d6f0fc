/** Vitest global setup: real PostgreSQL and Meilisearch for the whole run, torn down after. */
import type { TestProject } from "vitest/node";
import { buildApp, isBuildStale } from "../lib/build.js";
import { createTemplateDatabase, dropDatabase } from "./databases";
import { startTestServices } from "./services";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string | null;
    templateDatabase: string | null;
    meiliUrl: string;
    meiliKey: string;
  }
}

export default async function setup(project: TestProject) {
  // Tests that run Parley's programs run the compiled ones, as production does: build
  // once here, before test files run in parallel (npm test has built already).
  if (isBuildStale()) {
    console.log("Building Parley for the tests that run its programs…");
    await buildApp();
  }
  const services = await startTestServices();
  let template: string | null = null;
  try {
    if (services.postgresAdminUrl)
      template = await createTemplateDatabase(services.postgresAdminUrl);
  } catch (error) {
    await services.stop();
    throw error;
  }
  project.provide("postgresAdminUrl", services.postgresAdminUrl);
  project.provide("templateDatabase", template);
  project.provide("meiliUrl", services.meiliUrl);
  project.provide("meiliKey", services.meiliKey);

  return async () => {
    if (services.postgresAdminUrl && template) {
      await dropDatabase(services.postgresAdminUrl, template).catch(() => {});
    }
    await services.stop();
  };
}
