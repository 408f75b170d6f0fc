import { expect, test } from "@playwright/test";

/** Status codes and headers, checked without a browser. */
const origin = () => process.env.PARLEY_E2E_URL ?? "";

test("/healthz reports the database and search as JSON", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    status: "ok",
    database: "ok",
    databaseKind: "postgres",
    search: "ok",
  });
});

test("a POST from a foreign origin, or with no origin, is refused with 403 and changes nothing", async ({
  request,
}) => {
  const form = {
    email: "csrf@e2e.example",
    displayName: "Csrf Victim",
    password: "a long enough password",
  };
  const foreign = await request.post("/register", {
    form,
    headers: { Origin: "https://evil.example" },
  });
  expect(foreign.status()).toBe(403);
  const missing = await request.post("/register", { form });
  expect(missing.status()).toBe(403);
  // Same email through the front door works, so the refused requests created nothing.
  const real = await request.post("/register", {
    form,
    headers: { Origin: origin() },
    maxRedirects: 0,
  });
  expect(real.status()).toBe(303);
});

test("bad input answers 4xx, never 500", async ({ request }) => {
  const headers = { Origin: origin() };
  const cases: [string, Record<string, string>, number][] = [
    ["/register", { email: "nope", displayName: "X", password: "short" }, 400],
    ["/register", {}, 400],
    ["/sign-in", { email: "resident@northbridge.example", password: "wrong" }, 400],
    ["/sign-in", { email: "nobody@northbridge.example", password: "wrong" }, 400],
  ];
  for (const [path, form, status] of cases) {
    const response = await request.post(path, { form, headers, maxRedirects: 0 });
    expect(response.status(), `${path} ${JSON.stringify(form)}`).toBe(status);
  }
});

test("a body over 1 MB is refused with 413 before it is read", async ({ request }) => {
  const response = await request.post("/register", {
    headers: { Origin: origin(), "Content-Type": "application/x-www-form-urlencoded" },
    data: `email=${"a".repeat(1_100_000)}`,
  });
  expect(response.status()).toBe(413);
});

test("a wrong password and an unknown account get the same answer", async ({ request }) => {
  const headers = { Origin: origin() };
  const known = await request.post("/sign-in", {
    form: { email: "resident@northbridge.example", password: "wrong-password" },
    headers,
  });
  const unknown = await request.post("/sign-in", {
    form: { email: "ghost@northbridge.example", password: "wrong-password" },
    headers,
  });
  const strip = (html: string) => html.replace(/ghost|resident/g, "EMAIL");
  expect(known.status()).toBe(unknown.status());
  expect(strip(await known.text())).toBe(strip(await unknown.text()));
});

test("pages carry basic security headers and no framework banner", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("signing out needs a POST: a GET changes nothing", async ({ request }) => {
  const response = await request.get("/sign-out", { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("outcome feeds are served as RSS 2.0 and Atom 1.0 that a feed reader parses", async ({
  request,
}) => {
  const { default: Parser } = await import("rss-parser");
  for (const [path, type] of [
    ["/feeds/outcomes/rss", "application/rss+xml"],
    ["/feeds/outcomes/atom", "application/atom+xml"],
    ["/feeds/area-northfield/rss", "application/rss+xml"],
    ["/feeds/issue-recycling-centre-booking/atom", "application/atom+xml"],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
    const feed = await new Parser().parseString(await response.text());
    expect(feed.items.length, path).toBeGreaterThan(0);
    for (const item of feed.items) expect(item.link).toMatch(/\/outcomes\/\d+$/);
  }
  for (const path of ["/feeds/outcomes/json", "/feeds/area-nowhere/rss", "/feeds/nonsense/atom"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test("search answers 4xx-free on hostile input and never echoes markup", async ({ request }) => {
  const response = await request.get(
    `/search?q=${encodeURIComponent('<script>alert(1)</script>"><img src=x>')}&type=nope&page=-4&area=../../etc`,
  );
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).not.toContain("<script>alert(1)</script>");
  expect(html).not.toContain("<img src=x>");
});
