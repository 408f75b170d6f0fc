/** "How we listen": the public figures page, its charts and tables, and its period filter. */
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { withE2eDatabase } from "./e2e-database";
import { anotherPerson, DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const postsIn = async (page: Page) => {
  const table = page.getByRole("region", { name: "Posts by month: data" });
  const cells = await table.locator("tbody td").allTextContents();
  return {
    months: cells.length,
    posts: cells.reduce((sum, n) => sum + Number(n.replace(/,/g, "")), 0),
  };
};

test("the public sees how the council listens, with charts, tables and a period filter", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "How we listen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How we listen" })).toBeVisible();
  for (const section of [
    "Questions to staff",
    "Consultations and their outcomes",
    "Who took part",
    "Moderation",
  ])
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  await expect(page.getByRole("img", { name: /Outcomes by status/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Posts by month/ })).toBeVisible();
  await expectAccessible(page);
  const year = await postsIn(page);
  expect(year.months).toBeGreaterThanOrEqual(12);

  await page.getByLabel("Period", { exact: true }).selectOption("3m");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=3m/);
  await expect(page.getByText(/over the last 3 months/)).toBeVisible();
  const quarter = await postsIn(page);
  expect(quarter.months).toBeLessThan(year.months);
  expect(quarter.posts).toBeLessThanOrEqual(year.posts);

  // Each figure says how it is counted, in a methods note.
  await page.getByRole("link", { name: "How this is counted" }).first().click();
  await expect(
    page.getByRole("heading", { level: 1, name: "How the listening figures are counted" }),
  ).toBeVisible();
  await expectAccessible(page);
});

test("an area's page links to how the council listens there", async ({ page }) => {
  await page.goto("/areas/riverside");
  await page.getByRole("link", { name: "How we listen here" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "How we listen: Riverside" }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: /Posts by area/ })).toHaveCount(0);
  await expectAccessible(page);
});

test("the figures can be downloaded, and the downloads say what the page says", async ({
  page,
}) => {
  await page.goto("/how-we-listen?period=12m");
  const answered = page
    .locator(".figure", { hasText: "Answered officially" })
    .locator(".figure__value");
  const [, share, shown, asked] = /^(\d+%|—) \((\d+) of (\d+)\)$/.exec(
    (await answered.textContent()) ?? "",
  )!;
  const csvHref = await page.getByRole("link", { name: "CSV" }).getAttribute("href");
  const jsonHref = await page.getByRole("link", { name: "JSON" }).getAttribute("href");
  const csv = parse(await (await page.request.get(csvHref!)).text(), { columns: true }) as {
    section: string;
    measure: string;
    value: string;
  }[];
  const value = (measure: string) =>
    csv.find((r) => r.section === "questions" && r.measure === measure)?.value;
  expect(value("answered")).toBe(shown);
  expect(value("asked")).toBe(asked);
  if (share !== "—") expect(`${Math.round(Number(value("share_answered")) * 100)}%`).toBe(share);
  const json = (await (await page.request.get(jsonHref!)).json()) as {
    licence: { name: string };
    figures: { questions: { answered: number; asked: number } };
  };
  expect(json.licence.name).toBe("Open Government Licence v3.0");
  expect(json.figures.questions).toMatchObject({ answered: Number(shown), asked: Number(asked) });

  await page.getByRole("contentinfo").getByRole("link", { name: "Open data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Fields of posts" })).toBeVisible();
  await expectAccessible(page);
});

test("an officer's dashboard: the funnel counts a view, the lists, the tables, and a period filter", async ({
  page,
  browser,
}) => {
  // A reader (no account) opens a thread: counted on the server, with no cookie.
  const reader = await anotherPerson(browser);
  const threadId = await withE2eDatabase(async (client) => {
    const { rows } = await client.query<{ id: number }>(
      "select threads.id from threads join issues on issues.id = threads.issue_id where issues.slug = 'library-opening-hours' and threads.status = 'published' order by threads.id limit 1",
    );
    return rows[0]!.id;
  });
  const viewsBefore = await threadViews(threadId);
  await reader.goto(`/threads/${threadId}`);
  expect((await reader.context().cookies()).length).toBe(0);
  await expect.poll(() => threadViews(threadId), { timeout: 60_000 }).toBeGreaterThan(viewsBefore);
  await reader.context().close();

  await signIn(page, DEMO.officer);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Listening dashboard" })).toBeVisible();
  for (const section of [
    "Questions waiting longest",
    "Consultations due soon",
    "From reading to taking part",
    "Busiest threads",
    "Answers by team and officer",
  ])
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  await expect(page.getByRole("img", { name: /Participation funnel/ })).toBeVisible();
  const row = page
    .getByRole("region", { name: "Funnel by issue" })
    .getByRole("row", { name: /Library opening hours/ });
  const cells = await row.getByRole("cell").allTextContents();
  // Team, issue views, thread views…: the thread view just made is counted.
  expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
  await expectAccessible(page);

  await page.getByLabel("Period", { exact: true }).selectOption("12m");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/staff\/listening\?period=12m/);
  await expect(page.getByText(/over the last 12 months/).first()).toBeVisible();
});

async function threadViews(threadId: number): Promise<number> {
  return withE2eDatabase(async (client) => {
    const { rows } = await client.query<{ n: number }>(
      "select coalesce(sum(views), 0)::int as n from page_views_daily where thread_id = $1",
      [threadId],
    );
    return rows[0]!.n;
  });
}
