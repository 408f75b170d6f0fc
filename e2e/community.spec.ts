import {
  DEMO,
  expect,
  expectAccessible,
  registerResident,
  signIn,
  test,
  uniqueSuffix,
  signOut,
} from "./fixtures";

test("an urgent site-wide announcement shows as a banner on every page", async ({ page }) => {
  for (const path of ["/", "/issues/resurfacing-mill-lane", "/sign-in"]) {
    await page.goto(path);
    await expect(page.getByRole("region", { name: "Urgent announcements" })).toContainText(
      "Storm warning: garden waste collections suspended on Friday",
    );
  }
  await page
    .getByRole("region", { name: "Urgent announcements" })
    .getByRole("link", { name: "Read more" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Announcements" })).toBeVisible();
  await expect(page.getByText("Water main burst on Mill Lane")).toHaveCount(0);
  await expectAccessible(page);
});

test("an officer pins an announcement to an area and residents see it there", async ({ page }) => {
  await signIn(page, DEMO.officer);
  await page.goto("/announcements/new");
  await expectAccessible(page);
  const title = `Gritting starts tonight ${uniqueSuffix()}`;
  await page.getByLabel("In one area").check();
  await page.getByLabel("Area", { exact: true }).selectOption({ label: "Northfield" });
  await page.getByLabel("Warning").check();
  await page.getByLabel("Title").fill(title);
  await page
    .getByLabel("Announcement", { exact: true })
    .fill("Gritters will be out from 8pm on the estate roads.");
  await page.getByRole("button", { name: "Post announcement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Announcements" })).toBeVisible();
  await signOut(page);

  await page.goto("/areas/northfield");
  await expect(page.getByRole("region", { name: "Announcements", exact: true })).toContainText(
    `Warning: ${title}`,
  );
  await page.goto("/issues/northfield-school-20mph");
  await expect(page.getByRole("region", { name: "Announcements", exact: true })).toContainText(
    title,
  );
  await page.goto("/areas/riverside");
  await expect(page.getByText(title)).toHaveCount(0);
});

test("a resident edits their profile; a smuggled role is ignored", async ({ page }) => {
  const resident = await registerResident(page);
  await page.getByRole("link", { name: resident.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: resident.name })).toBeVisible();
  await page.getByRole("link", { name: "Edit your profile" }).click();
  await expectAccessible(page);
  const newName = `Renamed ${uniqueSuffix()}`;
  await page.getByLabel("Your name").fill(newName);
  await page.getByLabel("About you").fill("Cyclist, Riverside.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: newName })).toBeVisible();
  await expect(page.getByText("Cyclist, Riverside.")).toBeVisible();
  await expectAccessible(page);

  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/account/profile", {
    form: { displayName: newName, bio: "", role: "admin", trust_level: "4" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  expect((await page.goto("/admin/areas-and-categories"))?.status()).toBe(403);
});

test("an officer sees questions still waiting for an official answer", async ({ page }) => {
  await signIn(page, DEMO.officer);
  await page.getByRole("link", { name: "Unanswered" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Unanswered questions" })).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Unanswered questions" }).getByRole("listitem").first(),
  ).toBeVisible();
  await expectAccessible(page);
});

test("the demo resident finds their notifications waiting", async ({ page }) => {
  await signIn(page, DEMO.resident);
  await expect(page.getByRole("link", { name: /Notifications/ })).toContainText("unread");
});
