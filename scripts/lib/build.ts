/** Builds the Remix app when the build is missing or older than what it was built from. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Always watched: the routes folder may gain files the last build never saw. */
const ALWAYS_WATCHED = ["app", "remix.config.js", "package-lock.json"];
const BUILD_ENTRY = "build/index.js";
/** esbuild's record of every file the server bundle was made from. */
const SERVER_METAFILE = "build/metafile.server.json";

function newestModification(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestModification(path.join(target, entry)));
  }
  return newest;
}

/**
 * Our own files the server bundle imports, wherever they live (app/, db/, moderation/,
 * seeds/…), read from the build's metafile; null when there is none to read.
 */
function bundledSources(root: string): string[] | null {
  const metafile = path.join(root, SERVER_METAFILE);
  if (!existsSync(metafile)) return null;
  const { inputs } = JSON.parse(readFileSync(metafile, "utf8")) as {
    inputs: Record<string, unknown>;
  };
  // Virtual modules ("server-entry-module:…", "<stdin>") and dependencies are not ours.
  return Object.keys(inputs)
    .filter(
      (input) => !input.includes("node_modules") && !input.includes(":") && !input.startsWith("<"),
    )
    .map((input) => path.join(root, input));
}

/** True when the build in `root` is missing or older than anything it was made from. */
export function isBuildStale(root = "."): boolean {
  const entry = path.join(root, BUILD_ENTRY);
  if (!existsSync(entry) || !existsSync(path.join(root, "public/build"))) return true;
  const sources = bundledSources(root);
  if (!sources) return true;
  const built = statSync(entry).mtimeMs;
  // A source that has gone was imported by the build: that build is stale too.
  if (sources.some((source) => !existsSync(source))) return true;
  const watched = ALWAYS_WATCHED.map((source) => path.join(root, source));
  return [...watched, ...sources].some(
    (source) => existsSync(source) && newestModification(source) > built,
  );
}

/** Runs `remix build` in a child process; throws if it fails. */
export function buildApp(): void {
  const result = spawnSync("npx", ["--no-install", "remix", "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`remix build failed with exit code ${result.status}`);
}
