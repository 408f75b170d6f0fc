import net from "node:net";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, registerThroughForm, withE2eDatabase } from "./e2e-database";

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

test("/metrics answers Prometheus only with the token, in its text format, labelled by route", async ({
  request,
}) => {
  // Without the token, or with a wrong one: refused, and not one figure in the answer.
  for (const authorization of [undefined, "Bearer not-the-token-at-all", "Basic abc"]) {
    const refused = await request.get("/metrics", {
      headers: authorization ? { Authorization: authorization } : {},
    });
    expect(refused.status()).toBe(401);
    expect(await refused.text()).not.toContain("parley_");
  }

  await request.get("/issues/library-opening-hours");
  const response = await request.get("/metrics", {
    headers: { Authorization: `Bearer ${process.env.PARLEY_E2E_METRICS_TOKEN}` },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain;.*version=0\.0\.4/);
  const text = await response.text();
  // Every line is a comment or "name{labels} value", as Prometheus reads them.
  const sample = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? (-?[0-9.]+(e[+-]?[0-9]+)?|NaN|[+-]Inf)$/;
  const lines = text.split("\n").filter((line) => line && !line.startsWith("#"));
  expect(lines.filter((line) => !sample.test(line))).toEqual([]);
  // Requests are labelled by the Remix route that served them, not the address.
  expect(text).toMatch(
    /parley_http_request_duration_seconds_count\{method="GET",route="issues\.\$slug",status="200"\} [1-9]/,
  );
  expect(text).not.toContain("library-opening-hours");
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
  expect(value("parley_search_available")).toBe(1);
  // The demo's queue has items waiting; the worker keeps the outbox near empty.
  expect(value("parley_moderation_queue_items")).toBeGreaterThan(0);
  expect(value("parley_moderation_queue_oldest_seconds")).toBeGreaterThan(0);
  expect(value("parley_outbox_waiting_events")).toBeGreaterThanOrEqual(0);
  expect(text).toMatch(/^parley_db_pool_connections\{state="total"\} [1-9]/m);
});

test("every page says where its time went in a Server-Timing header", async ({ request }) => {
  const page = await request.get("/issues/library-opening-hours");
  const timing = page.headers()["server-timing"] ?? "";
  // The issue page reads the database: some queries, some time, and the whole.
  expect(timing).toMatch(/db;dur=[0-9.]+;desc="[1-9][0-9]* quer(y|ies)"/);
  expect(timing).toMatch(/total;dur=[0-9.]+/);
  expect(timing).not.toContain("search;");
  const search = await request.get("/search?q=library");
  expect(search.headers()["server-timing"]).toMatch(/search;dur=[0-9.]+/);
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
  const strip = (html: string) =>
    html.replace(/ghost|resident/g, "EMAIL").replace(/nonce="[^"]+"/g, "");
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

test("brute-force sign-in gets 429 with Retry-After, the same whether or not the account exists", async ({
  request,
  playwright,
}) => {
  const headers = { Origin: origin() };
  const attempt = (email: string) =>
    request.post("/sign-in", { form: { email, password: "guess-guess" }, headers });
  // A fresh account: locking a demo account out would stall the other journeys.
  const existing = `brute-${Date.now()}@e2e.example`;
  // Registered from another client, so this one's cookies stay out of it.
  const registrar = await playwright.request.newContext({ baseURL: origin() });
  await registrar.post("/register", {
    form: { email: existing, displayName: "Brute Target", password: "a long enough password" },
    headers,
  });
  await registrar.dispose();
  const ghost = `ghost-${Date.now()}@e2e.example`;
  let lastExisting = await attempt(existing);
  let lastGhost = await attempt(ghost);
  for (let i = 0; i < 10; i++) {
    lastExisting = await attempt(existing);
    lastGhost = await attempt(ghost);
  }
  expect(lastExisting.status()).toBe(429);
  expect(lastGhost.status()).toBe(429);
  expect(Number(lastExisting.headers()["retry-after"])).toBeGreaterThan(0);
  const strip = (html: string) =>
    html
      .replace(/ghost-\d+|brute-\d+/g, "EMAIL")
      .replace(/\d+ minutes?/g, "N")
      .replace(/nonce="[^"]+"/g, "");
  expect(strip(await lastGhost.text())).toBe(strip(await lastExisting.text()));
  expect(await lastGhost.text()).toContain("too many attempts to sign in");
  // Operators see it: a security event in the server's log, without the address tried.
  const log = readFileSync("test-results/e2e-server.log", "utf8");
  expect(log).toContain('"security":"sign_in_limited"');
  expect(log).not.toContain(ghost);
});

test("the content security policy uses a nonce, never unsafe-inline, and forbids framing", async ({
  request,
}) => {
  const response = await request.get("/");
  const csp = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  // Each response gets its own nonce.
  const again = (await request.get("/")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("mass assignment: a profile update carrying role or trust_level changes neither", async ({
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: origin() });
  const email = `mass-${Date.now()}@e2e.example`;
  const headers = { Origin: origin() };
  await request.post("/register", {
    form: { email, displayName: "Mass Assign", password: "a long enough password" },
    headers,
  });
  await request.post("/sign-in", { form: { email, password: "a long enough password" }, headers });
  const update = await request.post("/account/profile", {
    form: {
      displayName: "Still A Resident",
      bio: "",
      role: "admin",
      trust_level: "4",
      trustLevel: "4",
      email_verified_at: "2020-01-01",
    },
    headers,
    maxRedirects: 0,
  });
  expect(update.status()).toBe(303);
  try {
    const { rows } = await withE2eDatabase((client) =>
      client.query(
        "select display_name, role, trust_level, email_verified_at from users where email = $1",
        [email],
      ),
    );
    expect(rows[0]).toEqual({
      display_name: "Still A Resident",
      role: "resident",
      trust_level: 0,
      email_verified_at: null,
    });
  } finally {
    await request.dispose();
  }
});

test("the form fuzzer: invalid UTF-8, null bytes and 10,000 nested list items get a 4xx or a clean answer, never a 500", async ({
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: origin() });
  const headers = { Origin: origin() };
  await request.post("/sign-in", {
    form: { email: "resident@northbridge.example", password: "parley-resident-demo" },
    headers,
  });
  const form = "application/x-www-form-urlencoded";
  const bodies: [string, Buffer | string][] = [
    [
      "invalid UTF-8",
      Buffer.concat([
        Buffer.from("intent=reply&body="),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0]),
      ]),
    ],
    ["percent-encoded invalid UTF-8", "intent=reply&body=%FF%FE%C3%28"],
    ["null bytes", "intent=reply&body=hello%00world%00&replyToId=%00"],
    ["broken percent-encoding", "intent=reply&body=%E0%A4%A&title=%"],
    [
      "10,000 nested list items",
      `intent=reply&body=${encodeURIComponent(Array.from({ length: 10_000 }, (_, i) => `${"  ".repeat(i % 200)}- item`).join("\n"))}`,
    ],
    [
      "10,000 deeply nested quotes",
      `intent=reply&body=${encodeURIComponent(">".repeat(10_000) + " deep")}`,
    ],
    ["a thousand fields", Array.from({ length: 1000 }, (_, i) => `f${i}=x`).join("&")],
  ];
  for (const path of [
    "/threads/1",
    "/issues/library-opening-hours/new-thread",
    "/register",
    "/account/profile",
    "/search",
  ]) {
    for (const [what, data] of bodies) {
      const response = await request.post(path, {
        headers: { ...headers, "Content-Type": form },
        data,
        maxRedirects: 0,
      });
      expect(response.status(), `${what} to ${path}`).toBeLessThan(500);
    }
  }
  await request.dispose();
});

test("a chunked body is counted as it streams: 413 long before 50 MB are read", async () => {
  // A raw socket: the server answers and closes while the body is still being sent, and
  // a socket lets us read that answer even though our writes then fail.
  const { hostname, port } = new URL(origin());
  const total = 50 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, "a");
  const frame = Buffer.concat([
    Buffer.from(`${chunk.length.toString(16)}\r\n`),
    chunk,
    Buffer.from("\r\n"),
  ]);
  const { answer, written } = await new Promise<{ answer: string; written: number }>((resolve) => {
    let answer = "";
    let written = 0;
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        [
          "POST /sign-in HTTP/1.1",
          `Host: ${hostname}:${port}`,
          `Origin: ${origin()}`,
          "Content-Type: application/x-www-form-urlencoded",
          "Transfer-Encoding: chunked",
          "",
          "",
        ].join("\r\n"),
      );
      const pump = () => {
        while (!answer && written < total && !socket.destroyed) {
          written += chunk.length;
          if (!socket.write(frame)) return void socket.once("drain", pump);
        }
      };
      pump();
    });
    socket.on("data", (data: Buffer) => {
      answer += data.toString("latin1");
    });
    // Writes fail once the server has closed: expected, the answer is already in.
    socket.on("error", () => undefined);
    socket.on("close", () => resolve({ answer, written }));
  });
  expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  expect(written).toBeLessThan(total);
});

test("sign-in never sends anyone to another site, whatever redirectTo holds", async ({
  playwright,
}) => {
  const request = await playwright.request.newContext({ baseURL: origin() });
  for (const target of [
    "/\t/evil.example/phish",
    "/%09/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/.//evil.example",
    "https://evil.example/",
    "/\n/evil.example",
    "/\u0000",
    "/\u3002evil.example",
  ]) {
    const response = await request.post("/sign-in", {
      form: {
        email: "resident@northbridge.example",
        password: "parley-resident-demo",
        redirectTo: target,
      },
      headers: { Origin: origin() },
      maxRedirects: 0,
    });
    // A NUL byte is refused with the whole form (400); anything else signs in.
    expect([303, 400], JSON.stringify(target)).toContain(response.status());
    const location = new URL(response.headers().location ?? "/", origin());
    expect(location.origin, JSON.stringify(target)).toBe(origin());
    // Signed in now, the sign-in page sends on straight away: the same rule applies.
    const again = await request.get(`/sign-in?redirectTo=${encodeURIComponent(target)}`, {
      maxRedirects: 0,
    });
    expect(again.status()).toBeLessThan(500);
    expect(new URL(again.headers().location ?? "/", origin()).origin).toBe(origin());
    await request.post("/sign-out", { headers: { Origin: origin() }, maxRedirects: 0 });
  }
  await request.dispose();
});

test("confirmation mail is limited per account and per destination address", async ({
  playwright,
}) => {
  const headers = { Origin: origin() };
  const person = await playwright.request.newContext({ baseURL: origin() });
  await registerThroughForm(person, { name: "Mail Limit Tester" });
  const target = `target-${Date.now()}@e2e.example`;
  const change = () =>
    person.post("/account/email", {
      form: { newEmail: target, currentPassword: E2E_PASSWORD },
      headers,
      maxRedirects: 0,
    });
  for (let i = 0; i < 3; i++) expect((await change()).status()).toBe(303);
  const refused = await change();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  // Another account cannot keep mailing the same inbox either.
  const other = await playwright.request.newContext({ baseURL: origin() });
  await registerThroughForm(other, { name: "Mail Limit Other" });
  const fromOther = await other.post("/account/email", {
    form: { newEmail: target, currentPassword: E2E_PASSWORD },
    headers,
    maxRedirects: 0,
  });
  expect(fromOther.status()).toBe(429);

  // "Send the confirmation again" counts against the account too.
  const unconfirmed = await playwright.request.newContext({ baseURL: origin() });
  await registerThroughForm(unconfirmed, { name: "Resend Tester", confirmed: false });
  const resend = () =>
    unconfirmed.post("/account/confirm-email", {
      form: { intent: "resend" },
      headers,
      maxRedirects: 0,
    });
  for (let i = 0; i < 3; i++) expect((await resend()).status()).toBe(303);
  expect((await resend()).status()).toBe(429);
  await Promise.all([person.dispose(), other.dispose(), unconfirmed.dispose()]);
});
