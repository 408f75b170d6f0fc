/**
 * How open data and the JSON API answer over HTTP: the per-IP rate limit, CORS for
 * reading from any site, conditional requests (ETag / If-None-Match → 304), and the
 * licence. Shared by the downloads (/open-data/…) and the API (/api/v1/…).
 */
import type { RequestContext } from "./services.server";

export const LICENCE = {
  name: "Open Government Licence v3.0",
  url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
} as const;

/** Any site may read the public API and data from a browser: they are public. */
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
  "Access-Control-Expose-Headers": "ETag, Last-Modified, Link, Retry-After",
  "Access-Control-Max-Age": "86400",
} as const;

export function jsonError(status: number, message: string, headers: HeadersInit = {}): Response {
  return Response.json(
    { error: { status, message } },
    { status, headers: { ...CORS_HEADERS, ...Object.fromEntries(new Headers(headers)) } },
  );
}

/** The API's per-IP allowance; a Response (429) when it is spent, else null. */
export async function refuseOverLimit(context: RequestContext): Promise<Response | null> {
  const limit = await context.services.rateLimits.api.take(context.clientIp);
  if (limit.allowed) return null;
  return jsonError(
    429,
    `Too many requests from your address. Please wait ${limit.retryAfterSeconds} seconds and try again.`,
    { "Retry-After": String(limit.retryAfterSeconds) },
  );
}

/** Whether the client's copy (If-None-Match) is this one; weak comparison (RFC 9110). */
export function clientHasCurrent(request: Request, etag: string): boolean {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => opaque(tag) === opaque(etag));
}

export function notModified(etag: string, headers: HeadersInit = {}): Response {
  return new Response(null, {
    status: 304,
    headers: { ...CORS_HEADERS, ...Object.fromEntries(new Headers(headers)), ETag: etag },
  });
}

/** The site's own address for links in data: PUBLIC_ORIGIN, or the request's. */
export function siteOrigin(context: RequestContext, request: Request): string {
  return context.services.config.publicOrigin ?? new URL(request.url).origin;
}
