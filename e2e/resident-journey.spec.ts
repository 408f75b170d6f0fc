import {
  expect,
  expectAccessible,
  registerResident,
  test,
  uniqueSuffix,
  signOut,
} from "./fixtures";

test("a resident registers, starts a thread, replies, signs out and signs back in", async ({
  page,
}) => {
  await page.goto("/");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Register" }).click();
  await expectAccessible(page);
  const resident = await registerResident(page);

  await page.getByRole("link", { name: "Resurfacing Mill Lane" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Resurfacing Mill Lane" }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Start a thread" }).click();
  await expectAccessible(page);
  const title = `Speed bumps by the bridge ${uniqueSuffix()}`;
  await page.getByLabel("Idea").check();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your first post").fill("Two **speed bumps** would slow the vans down.");
  await page.getByRole("button", { name: "Start thread" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Two speed bumps would slow the vans down.")).toBeVisible();
  await expect(page.locator("strong", { hasText: "speed bumps" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Your reply").fill("Adding: the school run is the worst time.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText("Adding: the school run is the worst time.")).toBeVisible();
  await expect(page.getByRole("article")).toHaveCount(2);
  await expectAccessible(page);

  // The thread is listed on its issue for everyone.
  await page.getByRole("link", { name: "Resurfacing Mill Lane" }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  await signOut(page);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.getByRole("link", { name: "Sign in" }).click();
  await expectAccessible(page);
  await page.getByLabel("Email address").fill(resident.email);
  await page.getByLabel("Password").fill(resident.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(`Signed in as ${resident.name}`)).toBeVisible();
});

test("signing in from a thread brings you back to it", async ({ page }) => {
  await page.goto("/issues/library-opening-hours");
  const firstThread = page
    .getByRole("list", { name: "Threads" })
    .getByRole("listitem")
    .first()
    .getByRole("link");
  const threadTitle = (await firstThread.textContent()) ?? "";
  await firstThread.click();
  await expect(page.getByRole("heading", { level: 1, name: threadTitle })).toBeVisible();
  await page
    .getByRole("paragraph")
    .filter({ hasText: "to reply" })
    .getByRole("link", { name: "Sign in" })
    .click();
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fthreads%2F\d+$/);
  await page.getByLabel("Email address").fill("resident@northbridge.example");
  await page.getByLabel("Password").fill("parley-resident-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: threadTitle })).toBeVisible();
  await expect(page.getByLabel("Your reply")).toBeVisible();
});
