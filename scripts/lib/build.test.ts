/**
 * `npm start` rebuilds when anything the server bundle imports has changed, not only
 * files under app/: the moderation engine lives in moderation/ and was served stale.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isBuildStale, PROGRAMS } from "./build.js";

const root = mkdtempSync(path.join(os.tmpdir(), "parley-build-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(relative: string, content = "") {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), content);
}
function touch(relative: string, minutesFromNow: number) {
  const at = new Date(Date.now() + minutesFromNow * 60_000);
  utimesSync(path.join(root, relative), at, at);
}

describe("isBuildStale", () => {
  it("sees a change in any file the server bundle imports, outside app/ too", () => {
    file("app/root.tsx");
    file("moderation/engine.ts");
    file("public/build/entry.js");
    file(
      "build/metafile.server.json",
      JSON.stringify({
        inputs: {
          "app/root.tsx": {},
          "moderation/engine.ts": {},
          "node_modules/react/index.js": {},
          "server-entry-module:@remix-run/dev/server-build": {},
        },
      }),
    );
    file("build/index.js");
    file("scripts/seed.ts");
    file("build/cli/metafile.json", JSON.stringify({ inputs: { "scripts/seed.ts": {} } }));
    for (const program of PROGRAMS) file(`build/cli/${program}.js`);
    for (const source of [
      "app",
      "app/root.tsx",
      "moderation",
      "moderation/engine.ts",
      "scripts/seed.ts",
    ])
      touch(source, -60);
    touch("build/index.js", 0);
    expect(isBuildStale(root)).toBe(false);

    touch("scripts/seed.ts", 1);
    expect(isBuildStale(root), "a program's source changed").toBe(true);
    touch("scripts/seed.ts", -60);
    expect(isBuildStale(root)).toBe(false);

    touch("moderation/engine.ts", 1);
    expect(isBuildStale(root), "moderation/engine.ts changed").toBe(true);
    touch("moderation/engine.ts", -60);
    expect(isBuildStale(root)).toBe(false);

    // A new route file is in no metafile yet, but app/ is always watched.
    file("app/routes/new-page.tsx");
    expect(isBuildStale(root), "a new route").toBe(true);
    rmSync(path.join(root, "app/routes"), { recursive: true });
    touch("app", -60);
    expect(isBuildStale(root)).toBe(false);

    rmSync(path.join(root, "build/cli/worker.js"));
    expect(isBuildStale(root), "a compiled program is missing").toBe(true);
    file("build/cli/worker.js");
    expect(isBuildStale(root)).toBe(false);

    rmSync(path.join(root, "moderation/engine.ts"));
    expect(isBuildStale(root), "an imported file was removed").toBe(true);
  });
});
