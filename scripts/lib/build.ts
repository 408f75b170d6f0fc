/** Builds the Remix app when the build is missing or older than the sources. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "db", "remix.config.js", "package-lock.json"];
const BUILD_ENTRY = "build/index.js";

function newestModification(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestModification(path.join(target, entry)));
  }
  return newest;
}

export function isBuildStale(): boolean {
  if (!existsSync(BUILD_ENTRY) || !existsSync("public/build")) return true;
  const built = statSync(BUILD_ENTRY).mtimeMs;
  return SOURCES.some((source) => existsSync(source) && newestModification(source) > built);
}

/** Runs `remix build` in a child process; throws if it fails. */
export function buildApp(): void {
  const result = spawnSync("npx", ["--no-install", "remix", "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`remix build failed with exit code ${result.status}`);
}
