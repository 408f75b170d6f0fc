import type { Page } from "@playwright/test";
import {
  expect,
  expectAccessible,
  registerResident,
  signIn,
  test,
  uniqueSuffix,
  signOut,
} from "./fixtures";

// Each project follows its own issue, so threads started by the other project's run
// (they run side by side) don't reach this follower.
const ISSUES: Record<string, { path: string; title: string }> = {
  "with-js": {
    path: "/issues/castlegate-market-square-parking",
    title: "Parking and deliveries in Castlegate market square",
  },
  "without-js": { path: "/issues/library-opening-hours", title: "Library opening hours" },
};
const issue = () => ISSUES[test.info().project.name] ?? { path: "", title: "" };

async function startThread(page: Page, title: string) {
  await page.goto(`${issue().path}/new-thread`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your first post").fill(`About ${title}`);
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return page.url();
}

test("following an issue brings notifications for a new thread and for a reply", async ({
  page,
}) => {
  const follower = await registerResident(page);
  await page.goto(issue().path);
  await page.getByRole("button", { name: "Follow this issue" }).click();
  await expect(page.getByText("You follow this issue.")).toBeVisible();
  await expectAccessible(page);
  const mine = `Delivery times ${uniqueSuffix()}`;
  const myThreadUrl = await startThread(page, mine);
  await expect(page.getByText("You follow this thread.")).toBeVisible();
  await signOut(page);

  const other = await registerResident(page);
  const theirs = `Market day parking ${uniqueSuffix()}`;
  await startThread(page, theirs);
  await page.goto(myThreadUrl);
  await page.getByLabel("Your reply").fill("Before 10am works for the bakery.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText("Before 10am works for the bakery.")).toBeVisible();
  await signOut(page);

  await signIn(page, follower);
  // The worker delivers after commit; give it a moment.
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name: /Notifications/ })).toContainText("2 unread");
  }).toPass({ timeout: 60_000 });
  const list = page.getByRole("list", { name: "Your notifications" });
  await expect(
    list.getByRole("link", { name: `${other.name} replied in “${mine}”` }),
  ).toBeVisible();
  await expect(
    list.getByRole("link", {
      name: `${other.name} started “${theirs}” in ${issue().title}`,
    }),
  ).toBeVisible();
  await expectAccessible(page);

  await page
    .getByRole("button", { name: `Mark as read: ${other.name} replied in “${mine}”` })
    .click();
  await expect(page.getByRole("link", { name: /Notifications/ })).toContainText("1 unread");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("link", { name: /Notifications/ })).not.toContainText("unread");

  await list.getByRole("link", { name: `${other.name} replied in “${mine}”` }).click();
  await expect(page.getByText("Before 10am works for the bakery.")).toBeVisible();
});

test("notification preferences can switch kinds off and are kept", async ({ page }) => {
  await registerResident(page);
  await page.goto("/notifications/preferences");
  await expectAccessible(page);
  const newThreads = page.getByLabel("New threads in issues you follow");
  await expect(newThreads).toBeChecked();
  await newThreads.uncheck();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("Your preferences are saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("New threads in issues you follow")).not.toBeChecked();
  await expect(page.getByLabel("Replies to you")).toBeChecked();
});
