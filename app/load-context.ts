// Types Remix's load context and opts in to single-fetch types (stack-notes gotcha 6).
import type { RequestContext } from "./services.server";

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
