// @ts-check
/**
 * `node scripts/run.js <program> [arguments]`: how npm's scripts run Parley's programs
 * (start, worker, migrate, seed, search-reindex, user-create). Builds first when anything
 * the build was made from has changed, then runs the compiled program in this very
 * process: no TypeScript loader, no child, so signals sent to it reach the program.
 */
import { existsSync } from "node:fs";
import { buildApp, canBuild, isBuildStale, PROGRAMS, programFile } from "./lib/build.js";
import { pathToFileURL } from "node:url";
import path from "node:path";

const name = process.argv[2] ?? "";
if (!PROGRAMS.includes(name)) {
  console.error(`Usage: node scripts/run.js <${PROGRAMS.join("|")}> [arguments]`);
  process.exit(2);
}
if (isBuildStale()) {
  if (canBuild()) {
    console.log("Building Parley…");
    await buildApp();
  } else if (!existsSync(programFile(".", name))) {
    console.error(
      "Parley is not built, and the build tools are not installed: run `npm run build`.",
    );
    process.exit(1);
  }
}
// Stack traces in logs name the TypeScript source line, not the bundle's.
process.setSourceMapsEnabled(true);
// The program reads its own arguments from process.argv.slice(2).
process.argv.splice(2, 1);
await import(pathToFileURL(path.resolve(programFile(".", name))).href);
