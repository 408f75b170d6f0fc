// @ts-check
/** `npm run build`: the Remix app and the compiled programs (see lib/build.js). */
import { buildApp } from "./lib/build.js";

await buildApp();
