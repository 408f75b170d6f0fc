/**
 * Chooses the search backend for `npm start`: the configured MEILI_URL, else a local
 * Meilisearch from the npm binary with a master key generated once and kept in the
 * data folder, else none (search disabled, said plainly).
 */
import path from "node:path";
import type { AppConfig } from "../../app/config.server";
import { readOrCreateSecretFile } from "./local-secrets";
import {
  hasMeilisearchBinary,
  startLocalMeilisearch,
  type LocalMeilisearch,
} from "./meilisearch-process";

export type SearchChoice =
  | { kind: "configured"; url: string; apiKey: string | undefined }
  | { kind: "embedded"; url: string; apiKey: string; process: LocalMeilisearch }
  | { kind: "none"; reason: string };

export async function chooseSearch(config: AppConfig): Promise<SearchChoice> {
  if (config.meiliUrl)
    return { kind: "configured", url: config.meiliUrl, apiKey: config.meiliMasterKey };
  if (!hasMeilisearchBinary()) {
    return {
      kind: "none",
      reason: `no bundled Meilisearch binary for ${process.platform}/${process.arch}; set MEILI_URL to use a Meilisearch server`,
    };
  }
  const masterKey = readOrCreateSecretFile(config.dataDir, "meili-master-key");
  const meili = await startLocalMeilisearch({
    dataDir: path.join(config.dataDir, "meili"),
    masterKey,
  });
  return { kind: "embedded", url: meili.url, apiKey: masterKey, process: meili };
}
