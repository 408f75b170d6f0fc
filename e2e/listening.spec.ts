/** "How we listen": the public figures page, its charts and tables, and its period filter. */
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

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
