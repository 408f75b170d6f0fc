import { expect, expectAccessible, test } from "./fixtures";

test("search from the header, narrow by area, and open a result", async ({ page }) => {
  await page.goto("/");
  const header = page.getByRole("search", { name: "Site search" });
  await header.getByLabel("Search Parley").fill("libary opening ours");
  await header.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link", { name: "Library opening hours" })).toBeVisible();
  await expect(results.locator("mark").first()).toBeVisible();
  await expectAccessible(page);

  const form = page.getByRole("search", { name: "Search and filters" });
  await form.getByLabel("Area").selectOption("castlegate");
  if (test.info().project.use.javaScriptEnabled === false) {
    await form.getByRole("button", { name: "Search" }).click();
  }
  await expect(page).toHaveURL(/area=castlegate/);
  await expect(results.getByRole("listitem").first()).toBeVisible();
  for (const meta of await results.locator(".meta").allTextContents()) {
    expect(meta).toContain("Castlegate");
  }
  await expect(page.getByRole("status")).toContainText("results for “libary opening ours”");
  await expectAccessible(page);

  await results.getByRole("link", { name: "Library opening hours" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Library opening hours" }),
  ).toBeVisible();
});

test("a search result for a reply opens that exact post", async ({ page }) => {
  await page.goto("/search?q=7pm&type=post");
  const results = page.getByRole("list", { name: "Search results" });
  const first = results.getByRole("listitem").first().getByRole("link");
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/posts\/\d+$/);
  await first.click();
  const postId = href?.split("/").pop();
  await expect(page).toHaveURL(new RegExp(`#post-${postId}$`));
  await expect(page.locator(`#post-${postId}`)).toBeVisible();
});

test("results follow the typing with JavaScript (on Enter without), and the address is shareable", async ({
  page,
}) => {
  await page.goto("/search");
  const box = page.getByLabel("Search for");
  await box.pressSequentially("potholes", { delay: 40 });
  // Without JavaScript there is nothing to debounce: the form is sent by Enter.
  if (test.info().project.use.javaScriptEnabled === false) await box.press("Enter");
  await expect(page).toHaveURL(/q=potholes/);
  await expect(page.getByRole("status")).toContainText("for “potholes”");
  await page.reload();
  await expect(page.getByRole("status")).toContainText("for “potholes”");
});

test("letters typed while earlier results load are kept, and so is the focus", async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, "as-you-type needs JavaScript");
  await page.goto("/search");
  const box = page.getByLabel("Search for");
  // Results for "po" are asked for once typing pauses; they arrive while the rest of the
  // word is still being typed, as on a slow connection or a busy server.
  const firstResults = page.waitForResponse((response) => /[?&]q=po(&|$)/.test(response.url()));
  await box.pressSequentially("po");
  await firstResults;
  await box.pressSequentially("tholes", { delay: 150 });
  await expect(box).toHaveValue("potholes");
  await expect(box).toBeFocused();
  await expect(page).toHaveURL(/q=potholes/);
  await expect(page.getByRole("status")).toContainText("for “potholes”");
});
