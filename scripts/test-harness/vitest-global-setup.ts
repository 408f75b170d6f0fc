/** Vitest global setup: real PostgreSQL and Meilisearch for the whole run, torn down after. */
import type { TestProject } from "vitest/node";
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
