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

const VISITORS = [
  "anonymous",
  "resident",
  "owner",
  "suspended",
  "moderator",
  "officer",
  "admin",
] as const;
type Visitor = (typeof VISITORS)[number];

/** Objects the routes are asked about: the owner's thread, post and data export, and more. */
interface Objects {
  ownerId: number;
  threadId: number;
  postId: number;
  exportId: number;
  itemId: number;
  outcomeId: number;
}

/** Status per visitor; `all` is the default for anyone not named. */
type Expect = Partial<Record<Visitor | "all" | "signedIn" | "staff", number>>;

interface RouteCase {
  /** The route's file name in app/routes, without extension. */
  route: string;
  url: (o: Objects) => string;
  get: Expect;
  /** Visitors whose POST must be refused, with the status they get; nothing may change. */
  postRefused?: Expect;
}

const SIGN_IN_FIRST = 303;
const signedInOnly: Expect = { anonymous: SIGN_IN_FIRST, all: 200 };
const forAdmins: Expect = { anonymous: SIGN_IN_FIRST, all: 403, admin: 200 };
const forModerators: Expect = { anonymous: SIGN_IN_FIRST, all: 403, moderator: 200, admin: 200 };
const forOfficers: Expect = { anonymous: SIGN_IN_FIRST, all: 403, officer: 200, admin: 200 };
const refuseNonAdmins: Expect = {
  anonymous: SIGN_IN_FIRST,
  resident: 403,
  owner: 403,
  suspended: 403,
  moderator: 403,
  officer: 403,
};

export const ROUTES: RouteCase[] = [
  { route: "_index", url: () => "/", get: { all: 200 } },
  { route: "$", url: () => "/no-such-page", get: { all: 404 } },
  { route: "accessibility", url: () => "/accessibility", get: { all: 200 } },
  { route: "privacy", url: () => "/privacy", get: { all: 200 } },
  { route: "house-rules", url: () => "/house-rules", get: { all: 200 } },
  { route: "healthz", url: () => "/healthz", get: { all: 200 } },
  { route: "announcements", url: () => "/announcements", get: { all: 200 } },
  { route: "areas.$slug", url: () => "/areas/castlegate", get: { all: 200 } },
  {
    route: "categories.$slug",
    url: () => "/categories/libraries-and-culture",
    get: { all: 200 },
  },
  { route: "search", url: () => "/search?q=library", get: { all: 200 } },
  { route: "feeds.$scope.$format", url: () => "/feeds/outcomes/rss", get: { all: 200 } },
  { route: "outcomes._index", url: () => "/outcomes", get: { all: 200 } },
  { route: "outcomes.$id._index", url: (o) => `/outcomes/${o.outcomeId}`, get: { all: 200 } },
  { route: "account-deleted", url: () => "/account-deleted", get: { all: 200 } },
  {
    route: "issues.$slug",
    url: () => "/issues/library-opening-hours",
    get: { all: 200 },
  },
  { route: "threads.$id", url: (o) => `/threads/${o.threadId}`, get: { all: 200 } },
  { route: "people.$id", url: (o) => `/people/${o.ownerId}`, get: { all: 200 } },
  { route: "posts.$id._index", url: (o) => `/posts/${o.postId}`, get: { all: 302 } },
  { route: "posts.$id.history", url: (o) => `/posts/${o.postId}/history`, get: { all: 200 } },
  // Who you are decides what these show, not whether you may see them.
  { route: "sign-in", url: () => "/sign-in", get: { anonymous: 200, all: 302 } },
  { route: "register", url: () => "/register", get: { anonymous: 200, all: 302 } },
  { route: "sign-out", url: () => "/sign-out", get: { all: 302 } },
  { route: "forgot-password", url: () => "/forgot-password", get: { all: 200 } },
  { route: "reset-password", url: () => "/reset-password", get: { all: 200 } },
  { route: "account.confirm-email", url: () => "/account/confirm-email", get: { all: 200 } },
  {
    route: "account.confirm-new-email",
    url: () => "/account/confirm-new-email",
    get: { all: 200 },
  },
  { route: "email.unsubscribe", url: () => "/email/unsubscribe", get: { all: 400 } },
  // Your own account.
  { route: "account._index", url: () => "/account", get: signedInOnly },
  { route: "account.profile", url: () => "/account/profile", get: signedInOnly },
  { route: "account.email", url: () => "/account/email", get: signedInOnly },
  { route: "account.password", url: () => "/account/password", get: signedInOnly },
  { route: "account.data", url: () => "/account/data", get: signedInOnly },
  { route: "account.delete", url: () => "/account/delete", get: signedInOnly },
  { route: "notifications", url: () => "/notifications", get: signedInOnly },
  {
    route: "notifications_.preferences",
    url: () => "/notifications/preferences",
    get: signedInOnly,
  },
  {
    route: "account.data.$id",
    url: (o) => `/account/data/${o.exportId}`,
    // Someone else's export does not exist, as far as anyone else can tell.
    get: { anonymous: SIGN_IN_FIRST, all: 404, owner: 200 },
  },
  // Contributing: any signed-in person reaches the form (a suspended one is told why).
  {
    route: "issues.$slug_.new-thread",
    url: () => "/issues/library-opening-hours/new-thread",
    get: signedInOnly,
  },
  {
    route: "posts.$id.flag",
    url: (o) => `/posts/${o.postId}/flag`,
    // Nobody flags their own post.
    get: { ...signedInOnly, owner: 403 },
  },
  // The author's own post.
  {
    route: "posts.$id.edit",
    url: (o) => `/posts/${o.postId}/edit`,
    get: { anonymous: SIGN_IN_FIRST, all: 403, owner: 200 },
    postRefused: { anonymous: SIGN_IN_FIRST, resident: 403, suspended: 403, officer: 403 },
  },
  {
    route: "posts.$id.delete",
    url: (o) => `/posts/${o.postId}/delete`,
    get: { anonymous: SIGN_IN_FIRST, all: 403, owner: 200 },
    postRefused: { anonymous: SIGN_IN_FIRST, resident: 403, suspended: 403, officer: 403 },
  },
  {
    route: "posts.$id.review",
    url: (o) => `/posts/${o.postId}/review`,
    get: { anonymous: SIGN_IN_FIRST, all: 404, owner: 200, moderator: 200, admin: 200 },
    postRefused: { anonymous: SIGN_IN_FIRST, resident: 404, suspended: 404, officer: 404 },
  },
  // Staff pages.
  { route: "issues.new", url: () => "/issues/new", get: forOfficers },
  {
    route: "issues.$slug_.edit",
    url: () => "/issues/library-opening-hours/edit",
    get: forOfficers,
    postRefused: {
      anonymous: SIGN_IN_FIRST,
      resident: 403,
      owner: 403,
      suspended: 403,
      moderator: 403,
    },
  },
  {
    route: "issues.$slug_.outcomes.new",
    url: () => "/issues/library-opening-hours/outcomes/new",
    get: forOfficers,
    postRefused: {
      anonymous: SIGN_IN_FIRST,
      resident: 403,
      owner: 403,
      suspended: 403,
      moderator: 403,
    },
  },
  {
    route: "outcomes.$id.edit",
    url: (o) => `/outcomes/${o.outcomeId}/edit`,
    get: forOfficers,
    postRefused: {
      anonymous: SIGN_IN_FIRST,
      resident: 403,
      owner: 403,
      suspended: 403,
      moderator: 403,
    },
  },
  { route: "announcements_.new", url: () => "/announcements/new", get: forOfficers },
  { route: "staff.unanswered", url: () => "/staff/unanswered", get: forOfficers },
  { route: "staff.awaiting-outcome", url: () => "/staff/awaiting-outcome", get: forOfficers },
  { route: "moderation._index", url: () => "/moderation", get: forModerators },
  { route: "moderation.audit", url: () => "/moderation/audit", get: forModerators },
  {
    route: "moderation.items.$id",
    url: (o) => `/moderation/items/${o.itemId}`,
    // An item is not even said to exist to anyone who may not see it (an officer may,
    // once a moderator asks their advice on it).
    get: { anonymous: SIGN_IN_FIRST, all: 404, moderator: 200, admin: 200 },
    postRefused: {
      anonymous: SIGN_IN_FIRST,
      resident: 403,
      owner: 403,
      suspended: 403,
      officer: 403,
    },
  },
  {
    route: "moderation.people.$id",
    url: (o) => `/moderation/people/${o.ownerId}`,
    get: forModerators,
    postRefused: {
      anonymous: SIGN_IN_FIRST,
      resident: 403,
      owner: 403,
      suspended: 403,
      officer: 403,
    },
  },
  {
    route: "admin.areas-and-categories",
    url: () => "/admin/areas-and-categories",
    get: forAdmins,
    postRefused: refuseNonAdmins,
  },
  {
    route: "admin.house-rules",
    url: () => "/admin/house-rules",
    get: forAdmins,
    postRefused: refuseNonAdmins,
  },
  {
    route: "admin.moderation-settings",
    url: () => "/admin/moderation-settings",
    get: forAdmins,
    postRefused: refuseNonAdmins,
  },
];

function expected(table: Expect, visitor: Visitor): number | undefined {
  const staff = visitor === "moderator" || visitor === "officer" || visitor === "admin";
  return (
    table[visitor] ??
    (staff ? table.staff : undefined) ??
    (visitor !== "anonymous" ? table.signedIn : undefined) ??
    table.all
  );
}

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
  return withE2eDatabase(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' and tablename not in ('rate_limits', 'sessions', 'outbox') order by 1",
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
    contexts[visitor] = await playwright.request.newContext({ baseURL: origin() });
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

    const started = await contexts.owner.post("/issues/library-opening-hours/new-thread", {
      form: { kind: "discussion", title: "Matrix thread", body: "Owned by the owner" },
      headers: headers(),
      maxRedirects: 0,
    });
    expect(started.status()).toBe(303);
    const threadId = Number(/\/threads\/(\d+)/.exec(started.headers().location ?? "")?.[1]);
    await contexts.owner.post("/account/data", { headers: headers(), maxRedirects: 0 });
    const objects: Objects = await withE2eDatabase(async (client) => {
      const one = async (query: string, values: unknown[] = []) =>
        Number((await client.query<{ id: number }>(query, values)).rows[0]?.id);
      return {
        ownerId: owner.id,
        threadId,
        postId: await one("select id from posts where thread_id = $1 order by id limit 1", [
          threadId,
        ]),
        exportId: await one("select id from data_exports where user_id = $1", [owner.id]),
        itemId: await one("select id from moderation_items order by id limit 1"),
        outcomeId: await one(
          "select id from outcomes where published_at is not null order by id limit 1",
        ),
      };
    });
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
  };
  return Object.keys(build.routes)
    .filter((id) => typeof build.routes[id]?.module.action === "function")
    .map((id) => `/${fullPath(id).replace(/:(\w+)/g, (_, name: string) => samples[name] ?? "1")}`);
}

test("a foreign-origin POST to every action is refused with 403, changing nothing", async ({
  playwright,
}) => {
  // Signed in, as a real cross-site forgery would be: the browser sends the cookie along.
  const request = await playwright.request.newContext({ baseURL: origin() });
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
    // One-click unsubscribe is the documented exception; without a valid token it refuses.
    const expected = route === "/email/unsubscribe" ? 400 : 403;
    expect(response.status(), route).toBe(expected);
  }
  expect(await settledTables()).toBe(before);
  await request.dispose();
});
