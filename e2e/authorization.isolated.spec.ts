/**
 * The authorisation matrix. One table lists every route of the app; for each, what a
 * GET answers to each kind of visitor, and which visitors a POST must refuse. The test
 * checks the table covers every route in the server build, then asks every route as
 * every visitor, and checks that refused POSTs changed nothing in the database. Also
 * here: a foreign-origin POST to every action. Both compare the whole database, so this
 * "isolated" project runs after every other one, when nothing else is writing.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { registerThroughForm, withE2eDatabase } from "./e2e-database";
import { expected, findRouteObjects, ROUTES, VISITORS, type Visitor } from "./route-table";
import { staffStorageState } from "./second-factors";

/** Staff visitors sign in on the browser the staff setup remembered for them. */
const STAFF_EMAILS: Partial<Record<Visitor, string>> = {
  moderator: "moderator@northbridge.example",
  officer: "officer@northbridge.example",
  admin: "admin@northbridge.example",
};

const origin = () => process.env.PARLEY_E2E_URL ?? "";
const headers = () => ({ Origin: origin() });

/**
 * Every table's contents as one fingerprint, once the worker has finished what is due
 * (its effects of earlier requests, like confirmation emails, are not ours to count).
 * This project runs after all the others, so nothing else is writing meanwhile.
 * Sessions (last seen), rate-limit counters and the outbox itself are left out.
 */
async function settledTables(): Promise<string> {
  await expect
    .poll(
      () =>
        withE2eDatabase(async (client) => {
          const { rows } = await client.query<{ n: number }>(
            "select count(*)::int as n from outbox where done_at is null and run_after <= now()",
          );
          return rows[0]?.n;
        }),
      { timeout: 60_000 },
    )
    .toBe(0);
  // A GET may count (rate limits, sessions' last visit, a page view for the day's total)
  // and keep computed figures; it may change nothing else. The worker's clock-driven
  // recounts (issue_participation, once a minute) and the change log its writes leave
  // (open_data_changes) move during a sweep that lasts minutes, whatever is asked.
  return withE2eDatabase(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('rate_limits', 'sessions', 'outbox', 'page_views_daily', 'figure_snapshots', 'issue_participation', 'open_data_changes') order by 1",
    );
    const fingerprints: string[] = [];
    for (const { name } of rows) {
      const result = await client.query(
        `select md5(string_agg(t::text, '|' order by t::text)) as h from "${name}" t`,
      );
      fingerprints.push(`${name}:${String(result.rows[0]?.h)}`);
    }
    return fingerprints.join("\n");
  });
}

test("every route answers every kind of visitor as the route table says", async ({
  playwright,
}) => {
  test.setTimeout(300_000);

  // The table must name every route the build serves.
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const built = Object.keys(build.routes)
    .filter((id) => id !== "root")
    .map((id) => id.replace(/^routes\//, ""))
    .sort();
  expect(ROUTES.map((r) => r.route).sort()).toEqual(built);

  const contexts = {} as Record<Visitor, APIRequestContext>;
  for (const visitor of VISITORS)
    contexts[visitor] = await playwright.request.newContext({
      baseURL: origin(),
      storageState: STAFF_EMAILS[visitor] ? staffStorageState(STAFF_EMAILS[visitor]) : undefined,
    });
  const signIn = async (visitor: Visitor, email: string, password: string) => {
    const response = await contexts[visitor].post("/sign-in", {
      form: { email, password },
      headers: headers(),
      maxRedirects: 0,
    });
    expect(response.status(), `${visitor} signs in`).toBe(303);
  };
  try {
    const owner = await registerThroughForm(contexts.owner, { name: "Matrix owner" });
    await registerThroughForm(contexts.resident, { name: "Matrix resident" });
    await registerThroughForm(contexts.suspended, { name: "Matrix suspended", suspendedDays: 7 });
    await signIn("moderator", "moderator@northbridge.example", "parley-moderator-demo");
    await signIn("officer", "officer@northbridge.example", "parley-officer-demo");
    await signIn("admin", "admin@northbridge.example", "parley-admin-demo");
    // Signed in with the right password, then made an officer: no second factor yet.
    const unenrolled = await registerThroughForm(contexts.unenrolled, { name: "Matrix officer" });
    await withE2eDatabase((client) =>
      client.query("update users set role = 'officer' where id = $1", [unenrolled.id]),
    );

    const started = await contexts.owner.post("/issues/library-opening-hours/new-thread", {
      form: { kind: "discussion", title: "Matrix thread", body: "Owned by the owner" },
      headers: headers(),
      maxRedirects: 0,
    });
    expect(started.status()).toBe(303);
    const threadId = Number(/\/threads\/(\d+)/.exec(started.headers().location ?? "")?.[1]);
    await contexts.owner.post("/account/data", { headers: headers(), maxRedirects: 0 });
    const objects = await findRouteObjects(owner.id, threadId);
    await expect
      .poll(() =>
        withE2eDatabase(
          async (client) =>
            (
              await client.query(
                "select 1 from data_exports where id = $1 and ready_at is not null",
                [objects.exportId],
              )
            ).rowCount,
        ),
      )
      .toBe(1);

    const mismatches: string[] = [];
    // No GET changes anything: the whole sweep leaves every table as it was.
    const beforeGets = await settledTables();
    for (const route of ROUTES) {
      const url = route.url(objects);
      for (const visitor of VISITORS) {
        const want = expected(route.get, visitor);
        const response = await contexts[visitor].get(url, { maxRedirects: 0 });
        if (response.status() !== want)
          mismatches.push(`GET ${url} as ${visitor}: ${response.status()}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(await settledTables(), "a GET changed the database").toBe(beforeGets);

    // Refused writes: each answers its status, and no table changes at all.
    const before = await settledTables();
    for (const route of ROUTES.filter((r) => r.postRefused)) {
      const url = route.url(objects);
      for (const visitor of VISITORS) {
        const want = expected(route.postRefused!, visitor);
        if (want === undefined) continue;
        const response = await contexts[visitor].post(url, {
          form: {
            intent: "approve",
            body: "Overwritten by someone else",
            title: "Overwritten",
            version: "1",
            name: "Overwritten",
          },
          headers: headers(),
          maxRedirects: 0,
        });
        if (response.status() !== want)
          mismatches.push(`POST ${url} as ${visitor}: ${response.status()}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(await settledTables()).toBe(before);
  } finally {
    for (const visitor of VISITORS) await contexts[visitor].dispose();
  }
});

/** Every route with an action, its URL with sample parameters, from the server build. */
async function actionRoutes(): Promise<string[]> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const fullPath = (id: string): string => {
    const route = build.routes[id];
    if (!route) return "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  const samples: Record<string, string> = {
    id: "1",
    slug: "library-opening-hours",
    scope: "site",
    format: "rss",
    provider: "council",
  };
  return Object.keys(build.routes)
    .filter((id) => typeof build.routes[id]?.module.action === "function")
    .map((id) => `/${fullPath(id).replace(/:(\w+)/g, (_, name: string) => samples[name] ?? "1")}`);
}

test("a foreign-origin POST to every action is refused with 403, changing nothing", async ({
  playwright,
}) => {
  // Signed in, as a real cross-site forgery would be: the browser sends the cookie along.
  const request = await playwright.request.newContext({
    baseURL: origin(),
    storageState: staffStorageState("moderator@northbridge.example"),
  });
  const signIn = await request.post("/sign-in", {
    form: { email: "moderator@northbridge.example", password: "parley-moderator-demo" },
    headers: { Origin: origin() },
  });
  expect(signIn.ok()).toBe(true);
  const routes = await actionRoutes();
  expect(routes.length).toBeGreaterThan(25);
  const before = await settledTables();
  for (const route of routes) {
    const response = await request.post(route, {
      form: { intent: "approve", body: "forged", title: "forged", token: "x" },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    // One-click unsubscribe and the identity provider's back-channel logout are the
    // documented exceptions (server-to-server, no browser); without a valid token they refuse.
    const expected =
      route === "/email/unsubscribe" || route.endsWith("/back-channel-logout") ? 400 : 403;
    expect(response.status(), route).toBe(expected);
  }
  expect(await settledTables()).toBe(before);
  await request.dispose();
});
