// @ts-check
/**
 * Builds Parley for production and says when a build is stale. Plain JavaScript on
 * purpose: `npm start` runs it with bare `node`, before anything is compiled.
 *
 * A build is two bundles: the Remix app (`remix build` → build/index.js, public/build)
 * and the command-line programs (esbuild → build/cli/*.js: start, worker, migrate,
 * seed, search-reindex, user-create). Both keep their dependencies external, so
 * production runs `node` on our JavaScript and loads node_modules as they are.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The programs `node scripts/run.js <name>` runs, each from scripts/<name>.ts. */
export const PROGRAMS = ["start", "worker", "migrate", "seed", "search-reindex", "user-create"];

/** Always watched: the routes folder may gain files the last build never saw. */
const ALWAYS_WATCHED = ["app", "remix.config.js", "package-lock.json"];
const BUILD_ENTRY = "build/index.js";
/** esbuild's record of every file a bundle was made from: the app's, then the programs'. */
const METAFILES = ["build/metafile.server.json", "build/cli/metafile.json"];

/** @param {string} target */
function newestModification(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestModification(path.join(target, entry)));
  }
  return newest;
}

/**
 * Our own files the bundles import, wherever they live (app/, db/, moderation/, seeds/,
 * scripts/…), read from the metafiles; null when one is missing.
 * @param {string} root
 * @returns {string[] | null}
 */
function bundledSources(root) {
  const sources = [];
  for (const metafile of METAFILES.map((file) => path.join(root, file))) {
    if (!existsSync(metafile)) return null;
    const { inputs } = /** @type {{ inputs: Record<string, unknown> }} */ (
      JSON.parse(readFileSync(metafile, "utf8"))
    );
    // Virtual modules ("server-entry-module:…", "<stdin>") and dependencies are not ours.
    for (const input of Object.keys(inputs)) {
      if (input.includes("node_modules") || input.includes(":") || input.startsWith("<")) continue;
      sources.push(path.join(root, input));
    }
  }
  return sources;
}

/**
 * True when the build in `root` is missing or older than anything it was made from.
 * @param {string} [root]
 */
export function isBuildStale(root = ".") {
  const entry = path.join(root, BUILD_ENTRY);
  if (!existsSync(entry) || !existsSync(path.join(root, "public/build"))) return true;
  const sources = bundledSources(root);
  if (!sources) return true;
  const built = Math.min(
    statSync(entry).mtimeMs,
    ...PROGRAMS.map((name) => programFile(root, name)).map((file) =>
      existsSync(file) ? statSync(file).mtimeMs : 0,
    ),
  );
  // A source that has gone was imported by the build: that build is stale too.
  if (sources.some((source) => !existsSync(source))) return true;
  const watched = ALWAYS_WATCHED.map((source) => path.join(root, source));
  return [...watched, ...sources].some(
    (source) => existsSync(source) && newestModification(source) > built,
  );
}

/**
 * The compiled program `name`.
 * @param {string} root
 * @param {string} name
 */
export function programFile(root, name) {
  return path.join(root, "build/cli", `${name}.js`);
}

/** True where the build tools are installed (not after `npm ci --omit=dev`). */
export function canBuild() {
  return existsSync("node_modules/@remix-run/dev") && existsSync("node_modules/esbuild");
}

/** Runs `remix build`, then compiles the programs; throws if either fails. */
export async function buildApp() {
  const result = spawnSync("npx", ["--no-install", "remix", "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`remix build failed with exit code ${result.status}`);
  await buildPrograms();
}

/** Compiles scripts/<program>.ts to build/cli/<program>.js with esbuild. */
export async function buildPrograms() {
  // Loaded here: production (`npm ci --omit=dev`) runs a build it did not make.
  const esbuild = await import("esbuild");
  const { metafile } = await esbuild.build({
    entryPoints: Object.fromEntries(PROGRAMS.map((name) => [name, `scripts/${name}.ts`])),
    outdir: "build/cli",
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    // Shared code goes into chunks instead of six copies of the domain.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    metafile: true,
    logLevel: "warning",
  });
  writeFileSync("build/cli/metafile.json", JSON.stringify(metafile));
}
