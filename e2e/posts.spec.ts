import { expect, expectAccessible, registerResident, test, uniqueSuffix } from "./fixtures";

test("a resident quotes a post, edits their reply, then deletes it", async ({ page }) => {
  await registerResident(page);
  await page.goto("/issues/budget-2027-28/new-thread");
  const title = `Parking charges at the retail park ${uniqueSuffix()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your first post").fill("Charge for parking at the retail park.");
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // Quote the opening post.
  await page
    .getByRole("link", { name: /^Quote and reply/ })
    .first()
    .click();
  await expect(page.getByLabel("Your reply")).toHaveValue(
    /> Charge for parking at the retail park\./,
  );
  await page.getByLabel("Your reply").press("End");
  await page
    .getByLabel("Your reply")
    .fill(`${await page.getByLabel("Your reply").inputValue()}And in the town centre too.`);
  await page.getByRole("button", { name: "Post reply" }).click();
  const reply = page.getByRole("article").filter({ hasText: "And in the town centre too." });
  await expect(reply.locator("blockquote")).toContainText("Charge for parking at the retail park.");
  await expect(reply).toContainText("In reply to");
  await expectAccessible(page);

  // Edit it within the window.
  await reply.getByRole("link", { name: /^Edit/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit your post" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Your post").fill("Actually, only at the retail park.");
  await page.getByRole("button", { name: "Save changes" }).click();
  const edited = page
    .getByRole("article")
    .filter({ hasText: "Actually, only at the retail park." });
  await expect(edited.getByRole("link", { name: /edited/ })).toBeVisible();
  await edited.getByRole("link", { name: /edited/ }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Earlier versions of this post" }),
  ).toBeVisible();
  await expect(page.getByText("And in the town centre too.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to the thread" }).click();

  // Delete it: a placeholder keeps the thread's shape.
  await page
    .getByRole("article")
    .filter({ hasText: "Actually, only at the retail park." })
    .getByRole("link", { name: /^Delete/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Delete your post?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Delete my post" }).click();
  await expect(page.getByText("This post was removed by its author.")).toBeVisible();
  await expect(page.getByText("Actually, only at the retail park.")).toHaveCount(0);
  await expect(page.getByRole("article")).toHaveCount(2);
});
