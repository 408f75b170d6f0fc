/**
 * A route's `headers` export that passes a rate limit's Retry-After on to the document
 * response: Remix builds a page's headers from this function, not from action data.
 */
import type { HeadersFunction } from "@remix-run/node";

export const passRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
