/**
 * Every page of the route table, as every kind of visitor who may see it, with and
 * without JavaScript (the two projects): no sideways scrolling at 320 px, nothing
 * clipped or overlapped with text at 200% and spaced out, a visible and uncovered focus
 * indicator on everything in tab order, and targets of at least 24 px. A new route
 * joins the table (the authorisation matrix insists), and so joins this check.
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { withE2eDatabase } from "./e2e-database";
import { DEMO } from "./fixtures";
import { DESKTOP, inspectEnlargedText, inspectNarrowLayout, NARROW } from "./layout-checks";
import { expected, ROUTES, type Objects, type Visitor } from "./route-table";

/** The demo's people stand in for the table's visitors; the demo resident owns things. */
const ACCOUNTS = {
  anonymous: null,
  owner: DEMO.resident,
  moderator: DEMO.moderator,
  officer: DEMO.officer,
  admin: DEMO.admin,
} satisfies Partial<Record<Visitor, { email: string; password: string } | null>>;
type LayoutVisitor = keyof typeof ACCOUNTS;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

const test = base.extend<
  object,
  {
    objects: Objects;
    sessionOf: (visitor: LayoutVisitor) => Promise<StorageState | undefined>;
    pageOf: (visitor: LayoutVisitor) => Promise<Page>;
  }
>({
  objects: [
    // Playwright reads a fixture's needs from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(
        await withE2eDatabase(async (client) => {
          const one = async (query: string, values: unknown[] = []) =>
            Number((await client.query<{ id: number }>(query, values)).rows[0]?.id ?? 0);
          const ownerId = await one("select id from users where email = $1", [DEMO.resident.email]);
          // The owner's busiest thread: a long page, with their own post on it.
          const postId = await one(
            `select posts.id from posts join threads on threads.id = posts.thread_id
              where posts.author_id = $1 and posts.status = 'published'
              order by threads.reply_count desc, posts.id limit 1`,
            [ownerId],
          );
          return {
            ownerId,
            postId,
            threadId: await one("select thread_id as id from posts where id = $1", [postId]),
            exportId: await one("select id from data_exports where user_id = $1", [ownerId]),
            itemId: await one("select id from moderation_items order by id limit 1"),
            outcomeId: await one(
              "select id from outcomes where published_at is not null order by id limit 1",
            ),
          };
        }),
      );
    },
    { scope: "worker" },
  ],
  sessionOf: [
    async ({ browser }, use) => {
      const sessions = new Map<LayoutVisitor, StorageState>();
      await use(async (visitor) => {
        const account = ACCOUNTS[visitor];
        if (!account) return undefined;
        const known = sessions.get(visitor);
        if (known) return known;
        const context = await browser.newContext({ baseURL: process.env.PARLEY_E2E_URL });
        const page = await context.newPage();
        await page.goto("/sign-in");
        await page.getByLabel("Email address").fill(account.email);
        await page.getByLabel("Password").fill(account.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
        const state = await context.storageState();
        await context.close();
        sessions.set(visitor, state);
        return state;
      });
    },
    { scope: "worker" },
  ],
  // One browser context per visitor per worker, reused page after page: a context costs
  // more than the checks on a small page. Each check starts with a fresh navigation.
  pageOf: [
    async ({ browser, sessionOf }, use, workerInfo) => {
      const contexts = new Map<LayoutVisitor, BrowserContext>();
      const pages = new Map<LayoutVisitor, Page>();
      await use(async (visitor) => {
        const known = pages.get(visitor);
        if (known) return known;
        const context = await browser.newContext({
          baseURL: process.env.PARLEY_E2E_URL,
          javaScriptEnabled: workerInfo.project.use.javaScriptEnabled !== false,
          storageState: await sessionOf(visitor),
          // The check adds the text-spacing overrides as a user style sheet would, which
          // the site's Content-Security-Policy (rightly) refuses from the page.
          bypassCSP: true,
        });
        const page = await context.newPage();
        contexts.set(visitor, context);
        pages.set(visitor, page);
        return page;
      });
      for (const context of contexts.values()) await context.close();
    },
    { scope: "worker" },
  ],
});

for (const visitor of Object.keys(ACCOUNTS) as LayoutVisitor[]) {
  for (const route of ROUTES.filter((r) => expected(r.get, visitor) === 200)) {
    test(`${route.route} as ${visitor}: reflows at 320 px, keeps text at 200%, shows focus, targets ≥ 24 px`, async ({
      objects,
      pageOf,
    }) => {
      const url = route.url(objects);
      test.skip(/\/0(\/|$)/.test(url), "the demo has no such object for this visitor");
      const page = await pageOf(visitor);
      await page.setViewportSize(NARROW);
      const response = await page.goto(url);
      expect(response?.status(), `GET ${url}`).toBe(200);
      const type = response?.headers()["content-type"] ?? "";
      test.skip(!type.startsWith("text/html"), `${url} is not a page (${type})`);
      const atNarrow = await inspectNarrowLayout(page);
      await page.setViewportSize(DESKTOP);
      const enlarged = await inspectEnlargedText(page);
      expect([...atNarrow, ...enlarged], `${url} as ${visitor}`).toEqual([]);
    });
  }
}
