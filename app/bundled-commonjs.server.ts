/**
 * The server bundle holds React's CommonJS production build (see remix.config.js), and
 * react-dom/server calls require("stream"). In an ES module there is no `require`, and
 * esbuild's bundle looks for one globally when the call is made. entry.server imports
 * this module first, so the bundle carries its own `require` wherever it is imported
 * from: the app server, or a test reading the route list.
 */
import { createRequire } from "node:module";

const global = globalThis as { require?: NodeJS.Require };
global.require ??= createRequire(import.meta.url);
