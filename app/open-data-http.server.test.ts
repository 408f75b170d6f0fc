/** The API's answers at its edge: the per-address limit as a JSON 429, and ETag matching. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../scripts/test-harness/databases";
import { openTestDatabase } from "../scripts/test-harness/test-context";
import { clientHasCurrent, refuseOverLimit } from "./open-data-http.server";
import { createRateLimits } from "./rate-limits.server";
import type { RequestContext } from "./services.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

describe("the API's edge", () => {
  it("allows the per-address limit, then answers 429 in JSON with Retry-After and CORS", async () => {
    const rateLimits = createRateLimits(t.db, { searchesPerMinute: 60, apiRequestsPerMinute: 3 });
    // Only what refuseOverLimit reads of a request's context.
    const from = (clientIp: string) =>
      ({ services: { rateLimits }, clientIp }) as unknown as RequestContext;
    for (let i = 0; i < 3; i++) expect(await refuseOverLimit(from("203.0.113.20"))).toBeNull();
    const refused = await refuseOverLimit(from("203.0.113.20"));
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused?.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await refused?.json()).toMatchObject({ error: { status: 429 } });
    expect(await refuseOverLimit(from("198.51.100.20"))).toBeNull();
  });

  it("matches If-None-Match weakly, in a list, or *", () => {
    const request = (header: string) =>
      new Request("http://x/", { headers: { "If-None-Match": header } });
    expect(clientHasCurrent(request('W/"abc"'), 'W/"abc"')).toBe(true);
    expect(clientHasCurrent(request('"abc"'), 'W/"abc"')).toBe(true);
    expect(clientHasCurrent(request('W/"old", W/"abc"'), 'W/"abc"')).toBe(true);
    expect(clientHasCurrent(request("*"), 'W/"abc"')).toBe(true);
    expect(clientHasCurrent(request('W/"abd"'), 'W/"abc"')).toBe(false);
    expect(clientHasCurrent(new Request("http://x/"), 'W/"abc"')).toBe(false);
  });
});
