/**
 * Every page of the route table, as every kind of visitor who may see it: no sideways
 * scrolling at 320 px, nothing clipped or overlapped with text at 200% and spaced out, a
 * visible and uncovered focus indicator on everything in tab order, and targets of at
 * least 24 px. A new route joins the table (the authorisation matrix insists), and so
 * joins this check.
 *
 * Every page is checked without JavaScript. With JavaScript, hydration keeps the server's
 * HTML, so only the pages whose JavaScript adds or changes what is on screen are checked
 * again (JS_LAYOUT_ROUTES); the rest are tagged and skipped by the with-js project, which
 * halves the slowest spec of CI (decision 054).
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { E2E_PASSWORD, registerThroughForm } from "./e2e-database";
import { DEMO, signIn } from "./fixtures";
import { DESKTOP, inspectEnlargedText, inspectNarrowLayout, NARROW } from "./layout-checks";
import { expected, findRouteObjects, ROUTES, type Objects, type Visitor } from "./route-table";

/**
 * The demo's staff stand in for the table's staff. The owner is a resident registered
 * for the run, who starts an idea thread and answers in it through the real forms: the
 * pages about one's own post (edit, delete, its moderation) are only offered within the
 * edit window, which demo content is long past.
 */
const ACCOUNTS = {
  anonymous: null,
  owner: null,
  moderator: DEMO.moderator,
  officer: DEMO.officer,
  admin: DEMO.admin,
} satisfies Partial<Record<Visitor, { email: string; password: string } | null>>;
type LayoutVisitor = keyof typeof ACCOUNTS;

/** Words that test wrapping: a long unbroken address and a long word, in a list and a quote. */
const OWNER_IDEA = [
  "Open the library until 8pm on Thursdays, as the Castlegate branch did in 2019.",
  "",
  "- Staff the late shift with volunteers from the Friends of the Library",
  "- Publish the footfall figures at https://www.northbridge.example/libraries/footfall-figures-2019-2024-by-branch-and-hour.csv",
  "",
  "> Supercalifragilisticexpialidociously long words should wrap rather than widen the page.",
].join("\n");

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

interface Credentials {
  email: string;
  password: string;
}

const test = base.extend<
  object,
  {
    owner: Credentials & { objects: Objects };
    objects: Objects;
    sessionOf: (visitor: LayoutVisitor) => Promise<StorageState | undefined>;
    pageOf: (visitor: LayoutVisitor) => Promise<Page>;
  }
>({
  owner: [
    async ({ playwright }, use) => {
      const origin = process.env.PARLEY_E2E_URL ?? "";
      const request = await playwright.request.newContext({ baseURL: origin });
      const post = async (url: string, form: Record<string, string>) => {
        const response = await request.post(url, {
          form,
          headers: { Origin: origin },
          maxRedirects: 0,
        });
        expect(response.status(), `POST ${url}`).toBe(303);
        return response.headers().location ?? "";
      };
      const account = await registerThroughForm(request, { name: "Layout owner" });
      const started = await post("/issues/library-opening-hours/new-thread", {
        kind: "idea",
        title: "Late opening on Thursdays, staffed with the Friends of the Library",
        body: OWNER_IDEA,
      });
      const threadId = Number(/\/threads\/(\d+)/.exec(started)?.[1]);
      const firstReply = await post(`/threads/${threadId}`, {
        intent: "reply",
        body: "The Friends have said they can cover two evenings a month.",
      });
      const replyToId = /posted=(\d+)/.exec(firstReply)?.[1] ?? "";
      await post(`/threads/${threadId}`, {
        intent: "reply",
        body: "And the branch's own staff the other two.",
        replyToId,
      });
      await post("/account/data", {});
      await request.dispose();
      const objects = await findRouteObjects(account.id, threadId);
      await use({ email: account.email, password: E2E_PASSWORD, objects });
    },
    { scope: "worker" },
  ],
  objects: [async ({ owner }, use) => use(owner.objects), { scope: "worker" }],
  sessionOf: [
    async ({ browser, owner }, use) => {
      const sessions = new Map<LayoutVisitor, StorageState>();
      await use(async (visitor) => {
        const account = visitor === "owner" ? owner : ACCOUNTS[visitor];
        if (!account) return undefined;
        const known = sessions.get(visitor);
        if (known) return known;
        const context = await browser.newContext({ baseURL: process.env.PARLEY_E2E_URL });
        const page = await context.newPage();
        await signIn(page, account);
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

/** Pages whose JavaScript changes what is on screen: checked with JavaScript too. */
const JS_LAYOUT_ROUTES = new Set([
  "_index",
  "search",
  "threads.$id",
  "issues.$slug",
  "issues.$slug_.analysis._index",
  "issues.$slug_.analysis.suggestions",
]);

for (const visitor of Object.keys(ACCOUNTS) as LayoutVisitor[]) {
  for (const route of ROUTES.filter((r) => !r.serves && expected(r.get, visitor) === 200)) {
    const tag = JS_LAYOUT_ROUTES.has(route.route) ? [] : ["@layout-without-js-only"];
    test(
      `${route.route} as ${visitor}: reflows at 320 px, keeps text at 200%, shows focus, targets ≥ 24 px`,
      { tag },
      async ({ objects, pageOf }) => {
        const url = route.url(objects);
        // Every object exists (the fixture makes the owner's): a 0 would check an error page.
        expect(url, "the route's object exists").not.toMatch(/\/0(\/|$)/);
        const page = await pageOf(visitor);
        await page.setViewportSize(NARROW);
        const response = await page.goto(url);
        expect(response?.status(), `GET ${url}`).toBe(200);
        expect(response?.headers()["content-type"], `${url} is a page`).toMatch(/^text\/html/);
        const atNarrow = await inspectNarrowLayout(page);
        await page.setViewportSize(DESKTOP);
        const enlarged = await inspectEnlargedText(page);
        expect([...atNarrow, ...enlarged], `${url} as ${visitor}`).toEqual([]);
      },
    );
  }
}
