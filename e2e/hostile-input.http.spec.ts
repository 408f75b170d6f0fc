/**
 * Every route in the server build, walked with hostile input of every shape: path ids
 * past PostgreSQL's integer, undecodable and NUL-bearing paths, query strings with
 * overflowing ids, impossible cursors, control characters; bodies that are not forms, or
 * forms with NUL bytes and overflowing ids; odd headers. Anonymous and as an admin (who
 * reaches every page). Nothing may answer 5xx: bad input gets a 4xx that says why.
 *
 * The routes come from the build itself, so a new route is walked without anyone adding
 * it here.
 */
import path from "node:path";
import { staffStorageState } from "./second-factors";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO } from "./fixtures";

const origin = () => process.env.PARLEY_E2E_URL ?? "";

interface BuiltRoute {
  id: string;
  /** The full URL pattern, e.g. "/threads/:id". */
  pattern: string;
  hasAction: boolean;
}

async function builtRoutes(): Promise<BuiltRoute[]> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const fullPath = (id: string): string => {
    const route = build.routes[id];
    if (!route || id === "root") return "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return route.path ? `${parent}/${route.path}` : parent;
  };
  return Object.keys(build.routes)
    .filter((id) => id !== "root")
    .map((id) => ({
      id,
      pattern: fullPath(id) || "/",
      hasAction: typeof build.routes[id]?.module.action === "function",
    }));
}

/** What each kind of path parameter is filled with: one real value, then hostile ones. */
const PARAMS: Record<string, string[]> = {
  id: ["1", "2147483648", "99999999999", "%ff", "%00", "-1"],
  slug: ["library-opening-hours", "%00", "%ff", "a".repeat(400)],
  scope: ["outcomes", "area-%00", "issue-%ff"],
  format: ["rss", "%00"],
  "*": ["no/such/page", "%00", "%ff/%fe"],
};

/** Each string carries many hostile parameters at once, so every route meets them all. */
const HOSTILE_QUERIES = [
  "?after=2147483648&before=99999999999&quote=3000000000&area=9999999999&issue=2147483648&targetId=2147483648&page=99999999999999&refused=2147483648",
  "?q=%00&sort=%ff&type=%00&status=%00&category=%00&area=%00&redirectTo=%2F%09%2Fevil.example&token=%00&done=%00&notice=%ff&bulk=%00",
  "?after=-271821-04-20T00:00:00.000Z_1&before=%2B275760-09-13T00:00:00.000Z_1",
  "?after=2027-01-01T00:00:00.000Z_9999999999&redirectTo=%0a&%ff=%fe",
  "?q=" + "a".repeat(5_000) + "&after=%E3%80%82_1",
];

function urlsFor(pattern: string): string[] {
  const names = [...pattern.matchAll(/:([a-zA-Z]+)|(\*)/g)].map((m) => m[1] ?? m[2]!);
  const fill = (choice: (values: string[]) => string) =>
    pattern.replace(/:([a-zA-Z]+)|\*/g, (token, name: string | undefined) =>
      choice(PARAMS[name ?? "*"] ?? PARAMS[token] ?? ["x"]),
    );
  const real = fill((values) => values[0]!);
  const urls = new Set<string>([real, ...HOSTILE_QUERIES.map((query) => real + query)]);
  for (const name of names) {
    for (const value of PARAMS[name] ?? []) {
      urls.add(
        pattern.replace(/:([a-zA-Z]+)|\*/g, (token, other: string | undefined) =>
          (other ?? "*") === name ? value : (PARAMS[other ?? "*"]?.[0] ?? "x"),
        ),
      );
    }
  }
  return [...urls];
}

const INTENTS = ["", "reply", "approve", "mark-read", "resend", "x"];

/** Form bodies with ids past PostgreSQL's integer in every id field routes read. */
function overflowingForm(intent: string): string {
  const big = "2147483648";
  return new URLSearchParams({
    intent,
    id: big,
    replyToId: big,
    areaId: big,
    categoryId: big,
    houseRuleId: big,
    threadId: big,
    postId: big,
    officerId: big,
    issueId: big,
    version: "99999999999",
    cite: big,
    item: `${big}:1`,
    area: big,
    body: "A perfectly ordinary sentence.",
    title: "An ordinary title",
  }).toString();
}

const HOSTILE_BODIES: { what: string; contentType?: string; data: string | Buffer }[] = [
  { what: "text/plain", contentType: "text/plain", data: "intent=reply&body=hello" },
  { what: "JSON", contentType: "application/json", data: '{"intent":"reply","body":"hi"}' },
  { what: "no content type", data: "intent=reply&body=hello" },
  {
    what: "broken multipart",
    contentType: "multipart/form-data; boundary=xyz",
    data: '--xyz\r\nContent-Disposition: form-data; name="body"\r\n\r\nunterminated',
  },
  {
    what: "multipart without a boundary",
    contentType: "multipart/form-data",
    data: "whatever",
  },
  {
    what: "NUL bytes in fields and names",
    contentType: "application/x-www-form-urlencoded",
    data: "intent=reply&body=hello%00world&title=%00&na%00me=x&email=a%00@b.c&slug=%00",
  },
  {
    what: "undecodable percent-encoding",
    contentType: "application/x-www-form-urlencoded",
    data: "intent=reply&body=%E0%A4%A&title=%",
  },
];

async function expectNo5xx(
  request: APIRequestContext,
  method: "GET" | "POST",
  url: string,
  options: { contentType?: string; data?: string | Buffer; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { Origin: origin(), ...options.headers };
  if (options.contentType) headers["Content-Type"] = options.contentType;
  const response = await request.fetch(url, {
    method,
    headers,
    data: options.data,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(
    response.status(),
    `${method} ${url.slice(0, 200)} ${options.contentType ?? ""}`,
  ).toBeLessThan(500);
}

async function signedInAsAdmin(playwright: {
  request: { newContext: (o: object) => Promise<APIRequestContext> };
}) {
  const request = await playwright.request.newContext({
    baseURL: origin(),
    storageState: staffStorageState(DEMO.admin.email),
  });
  const response = await request.post("/sign-in", {
    form: { email: DEMO.admin.email, password: DEMO.admin.password },
    headers: { Origin: origin() },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  return request;
}

test("no route answers 5xx to hostile paths and query strings, signed in or not", async ({
  playwright,
}) => {
  test.setTimeout(300_000);
  const routes = await builtRoutes();
  expect(routes.length).toBeGreaterThan(40);
  const anonymous = await playwright.request.newContext({ baseURL: origin() });
  const admin = await signedInAsAdmin(playwright);
  try {
    for (const route of routes) {
      for (const url of urlsFor(route.pattern)) {
        for (const client of [anonymous, admin]) await expectNo5xx(client, "GET", url);
      }
    }
  } finally {
    await anonymous.dispose();
    await admin.dispose();
  }
});

test("no action answers 5xx to bodies that are not forms, or forms with hostile values", async ({
  playwright,
}) => {
  test.setTimeout(300_000);
  const routes = (await builtRoutes()).filter((route) => route.hasAction);
  expect(routes.length).toBeGreaterThan(20);
  const anonymous = await playwright.request.newContext({ baseURL: origin() });
  const admin = await signedInAsAdmin(playwright);
  try {
    for (const route of routes) {
      const url = urlsFor(route.pattern)[0]!;
      // Signing out would end the admin's session for the routes after it.
      const clients = route.id === "routes/sign-out" ? [anonymous] : [anonymous, admin];
      for (const client of clients) {
        for (const body of HOSTILE_BODIES) await expectNo5xx(client, "POST", url, body);
        for (const intent of INTENTS) {
          await expectNo5xx(client, "POST", url, {
            contentType: "application/x-www-form-urlencoded",
            data: overflowingForm(intent),
          });
        }
      }
    }
  } finally {
    await anonymous.dispose();
    await admin.dispose();
  }
});

test("odd headers get an answer, not a 500", async ({ request }) => {
  const cases: Record<string, string>[] = [
    { Cookie: "parley_session=%00%ff; parley_device=garbage" },
    { Cookie: `parley_session=${"a".repeat(4_000)}` },
    { Cookie: "parley_device=eyJ1c2VySWQiOjF9.forged" },
    { "X-Forwarded-For": "not an address, 999.999.1.1" },
    { "X-Forwarded-Host": "evil.example:99999" },
    { "Accept-Language": "%00".repeat(100) },
    { "X-Request-Id": "x".repeat(10_000) },
  ];
  for (const headers of cases) {
    for (const url of ["/", "/threads/1", "/search?q=bins"]) {
      await expectNo5xx(request, "GET", url, { headers });
    }
    await expectNo5xx(request, "POST", "/sign-in", {
      headers,
      contentType: "application/x-www-form-urlencoded",
      data: "email=a%40b.c&password=wrong-password",
    });
  }
});
