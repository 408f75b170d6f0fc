import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

// Every public page a visitor can reach, checked for WCAG 2.2 AA.
const PAGES = [
  { path: "/", heading: "What’s happening in Northbridge" },
  { path: "/issues/resurfacing-mill-lane", heading: "Resurfacing Mill Lane" },
  {
    path: "/issues/northfield-street-lighting",
    heading: "Brighter street lighting on the Northfield estate",
  },
  {
    path: "/issues/st-annes-community-garden",
    heading: "A community garden on the old St Anne's depot site",
  },
  { path: "/house-rules", heading: "House rules" },
  { path: "/sign-in", heading: "Sign in" },
  { path: "/register", heading: "Register" },
  { path: "/forgot-password", heading: "Forgotten your password?" },
  { path: "/privacy", heading: "Privacy notice" },
  { path: "/accessibility", heading: "Accessibility statement for Parley" },
];

for (const { path, heading } of PAGES) {
  test(`${path} shows "${heading}" and passes axe`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  });
}

test("a thread page passes axe and shows staff answers with their team", async ({ page }) => {
  await page.goto("/issues/cycle-lane-station-road");
  await page.getByRole("link", { name: "How will the Ferry Street junction work?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "How will the Ferry Street junction work?",
  );
  await expect(page.getByText("Staff · Highways").first()).toBeVisible();
  await expectAccessible(page);
});

test("an unknown address has a clear, accessible not-found page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
  await expectAccessible(page);
});

test("an unknown issue and a draft issue are both not found for the public", async ({ page }) => {
  expect((await page.goto("/issues/no-such-issue"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  expect((await page.goto("/issues/millbrook-youth-centre"))?.status()).toBe(404);
  expect((await page.goto("/threads/not-a-number"))?.status()).toBe(404);
  await expectAccessible(page);
});

// Account pages a signed-in resident reaches from "Your account".
const ACCOUNT_PAGES = [
  { path: "/account/password", heading: "Change your password" },
  { path: "/account/email", heading: "Change your email address" },
  { path: "/account/profile", heading: "Your profile" },
  { path: "/notifications/preferences", heading: "Notification preferences" },
];

test("the account pages pass axe", async ({ page }) => {
  await signIn(page, DEMO.resident);
  for (const { path, heading } of ACCOUNT_PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  }
});
