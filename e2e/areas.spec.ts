import { expect, expectAccessible, registerResident, test } from "./fixtures";

test("a visitor picks an area on the home page and the choice is remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Show what’s happening near you").selectOption({ label: "Millbrook" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "What’s happening in Millbrook" }),
  ).toBeVisible();
  const open = page.getByRole("region", { name: "Open for comments" });
  await expect(open.getByRole("link", { name: "Resurfacing Mill Lane" })).toBeVisible();
  await expect(open.getByRole("link", { name: "Library opening hours" })).toHaveCount(0);
  await expectAccessible(page);

  // Remembered in a cookie for a visitor…
  await page.goto("/");
  await expect(
    page.getByRole("heading", { level: 1, name: "What’s happening in Millbrook" }),
  ).toBeVisible();

  // …and on the profile once signed in.
  await registerResident(page);
  await page.getByLabel("Show what’s happening near you").selectOption({ label: "Castlegate" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "What’s happening in Castlegate" }),
  ).toBeVisible();
  await page.context().clearCookies({ name: "parley_area" });
  await page.reload();
  await expect(
    page.getByRole("heading", { level: 1, name: "What’s happening in Castlegate" }),
  ).toBeVisible();

  await page
    .getByLabel("Show what’s happening near you")
    .selectOption({ label: "All of Northbridge" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "What’s happening in Northbridge" }),
  ).toBeVisible();
});

test("area and category pages list their issues, including closed ones", async ({ page }) => {
  await page.goto("/issues/fortnightly-bin-collections");
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: "Borough-wide" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Borough-wide" })).toBeVisible();
  const list = page.getByRole("list", { name: "Issues in Borough-wide" });
  await expect(
    list
      .getByRole("listitem")
      .filter({ hasText: "Moving general waste to fortnightly collections" }),
  ).toContainText("Closed");
  await expectAccessible(page);

  await page.goto("/categories/roads-and-transport");
  await expect(page.getByRole("heading", { level: 1, name: "Roads and transport" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Resurfacing Mill Lane" })).toBeVisible();
  await expectAccessible(page);
});
