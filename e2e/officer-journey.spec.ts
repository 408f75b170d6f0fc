import { DEMO, expect, expectAccessible, signIn, test, uniqueSuffix, signOut } from "./fixtures";

test("an officer creates an issue that residents then see on the home page", async ({ page }) => {
  await signIn(page, DEMO.officer);
  await page.getByRole("link", { name: "New issue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an issue" })).toBeVisible();
  await expectAccessible(page);

  const title = `Bus shelter on Ferry Street ${uniqueSuffix()}`;
  await page.getByLabel("Title").fill(title);
  await page
    .getByLabel("Summary")
    .fill("The shelter was damaged in the storm. Should we replace it like for like?");
  await page.getByLabel("Area").selectOption({ label: "Riverside" });
  await page.getByLabel("Category").selectOption({ label: "Roads and transport" });
  await page.getByLabel("Closing date").fill("2099-06-30");
  await page.getByRole("button", { name: "Create issue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Open for comments", { exact: true })).toBeVisible();
  await expect(page.getByText("to 30 June 2099")).toBeVisible();
  await expect(page.getByText("Run by Highways")).toBeVisible();
  await expectAccessible(page);

  await signOut(page);
  await page.goto("/");
  const riverside = page.getByRole("region", { name: "Riverside" });
  await expect(riverside.getByRole("link", { name: title })).toBeVisible();
});

test("a resident cannot reach the issue editor", async ({ page }) => {
  await signIn(page, DEMO.resident);
  await expect(page.getByRole("link", { name: "New issue" })).toHaveCount(0);
  const response = await page.goto("/issues/new");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You can't do that" })).toBeVisible();
  await expectAccessible(page);
});

test("an officer edits an issue and closes it early", async ({ page }) => {
  await signIn(page, DEMO.officer);
  await page.goto("/issues/new");
  const title = `Street trees on Quay Road ${uniqueSuffix()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Which streets should get new trees?");
  await page.getByLabel("Area").selectOption({ label: "Riverside" });
  await page.getByLabel("Category").selectOption({ label: "Parks and green spaces" });
  await page.getByLabel("Closing date").fill("2099-06-30");
  await page.getByRole("button", { name: "Create issue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.getByRole("link", { name: "Edit this issue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit the issue" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await page.getByLabel("Closed early").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(
    page.getByText("This consultation is not taking new threads or posts."),
  ).toBeVisible();
});

test("an admin renames an area and its page keeps its address", async ({ page }) => {
  await signIn(page, { email: "admin@northbridge.example", password: "parley-admin-demo" });
  await page.getByRole("link", { name: "Areas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Areas and categories" })).toBeVisible();
  await expectAccessible(page);
  const name = `Ward ${uniqueSuffix()}`;
  await page.getByLabel("New area").fill(name);
  await page.getByRole("button", { name: "Add area" }).click();
  await page.getByLabel(`Name of area ${name}`).fill(`${name} and Quay`);
  await page.getByRole("button", { name: `Rename ${name}` }).click();
  await expect(page.getByLabel(`Name of area ${name} and Quay`)).toBeVisible();
});
