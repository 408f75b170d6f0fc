import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startLocalMeilisearch } from "./meilisearch-process";

describe("the embedded Meilisearch", () => {
  it("starts with a master key that begins with a dash, and stops", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "parley-meili-key-"));
    try {
      const meili = await startLocalMeilisearch({
        dataDir: dir,
        masterKey: "-0starts-with-a-dash-0123456789",
      });
      const keys = await fetch(`${meili.url}/keys`, {
        headers: { Authorization: "Bearer -0starts-with-a-dash-0123456789" },
      });
      expect(keys.status).toBe(200);
      const refused = await fetch(`${meili.url}/keys`, {
        headers: { Authorization: "Bearer wrong" },
      });
      expect(refused.status).toBe(403);
      await meili.stop();
      expect(await fetch(`${meili.url}/health`).catch(() => null)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
