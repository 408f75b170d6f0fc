import type { Page } from "@playwright/test";
import {
  anotherPerson,
  DEMO,
  expectNotification,
  expect,
  expectAccessible,
  registerResident,
  signIn,
  signOut,
  test,
  uniqueSuffix,
} from "./fixtures";

const ISSUE = "/issues/resurfacing-mill-lane";

async function startThread(page: Page, title: string, body: string): Promise<string> {
  await page.goto(`${ISSUE}/new-thread`);
  await page.getByLabel("Discussion").check();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your first post").fill(body);
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** From the thread, a moderator follows the held post's link to its queue item. */
async function openItemFromThread(page: Page, threadPath: string): Promise<void> {
  await page.goto(threadPath);
  await page.getByRole("link", { name: "Open the moderation item" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Moderation item \d+/ })).toBeVisible();
}

test("a new resident's first post is held, unseen by others, until a moderator approves it", async ({
  page,
  browser,
}) => {
  await registerResident(page, { newcomer: true });
  const title = `Night buses to the hospital ${uniqueSuffix()}`;
  const threadPath = await startThread(page, title, "Shift workers at St Anne's need a night bus.");
  await expect(page.getByText(/This thread is waiting for a moderator/)).toBeVisible();
  await expect(
    page.getByText(/Awaiting moderation\. Only you and the moderators can see it/),
  ).toBeVisible();
  await expect(page.getByText(/first few posts are checked by a moderator/)).toBeVisible();
  await expectAccessible(page);

  const other = await anotherPerson(browser);
  await registerResident(other);
  const missing = await other.goto(threadPath);
  expect(missing?.status()).toBe(404);
  await other.goto(ISSUE);
  await expect(other.getByRole("link", { name: title })).toHaveCount(0);

  const moderator = await anotherPerson(browser);
  await signIn(moderator, DEMO.moderator);
  await expect(moderator.getByRole("link", { name: /Moderation \d+ waiting/ })).toBeVisible();
  await moderator.getByRole("link", { name: /Moderation/ }).click();
  await expect(
    moderator.getByRole("heading", { level: 1, name: "Moderation queue" }),
  ).toBeVisible();
  await expectAccessible(moderator);
  await openItemFromThread(moderator, threadPath);
  await expectAccessible(moderator);
  await moderator.getByRole("button", { name: "Approve the post" }).click();
  await expect(moderator.getByText("Decided: approved.")).toBeVisible();

  await other.goto(threadPath);
  await expect(other.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(other.getByText("Shift workers at St Anne's need a night bus.")).toBeVisible();
  await expectNotification(page, new RegExp(`“${title}” was approved and is now public`));
});

test("three residents' flags hide a post", async ({ page }) => {
  const author = await registerResident(page);
  const title = `Bins on Ferry Street ${uniqueSuffix()}`;
  const threadPath = await startThread(page, title, "The bins are overflowing every week.");
  const rude = `Whoever runs the bins is a useless clown ${uniqueSuffix()}`;
  await page.getByLabel("Your reply").fill(rude);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText(rude)).toBeVisible();
  await signOut(page);

  for (let i = 1; i <= 3; i++) {
    await registerResident(page);
    await page.goto(threadPath);
    await page
      .getByRole("article")
      .filter({ hasText: rude })
      .getByRole("link", { name: `Flag the post by ${author.name}` })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Flag a post" })).toBeVisible();
    if (i === 1) await expectAccessible(page);
    await page.getByLabel("Abusive or offensive").check();
    await page.getByRole("button", { name: "Flag this post" }).click();
    await expect(
      page.getByText(
        i < 3 ? /Thank you for flagging this post/ : /With your flag the post is now hidden/,
      ),
    ).toBeVisible();
    await signOut(page);
  }
  await page.goto(threadPath);
  await expect(page.getByText("The bins are overflowing every week.")).toBeVisible();
  await expect(page.getByText(rude)).toHaveCount(0);
});

test("a rejection reaches its author with the house rule; the appeal goes to a second moderator", async ({
  page,
  browser,
}) => {
  await registerResident(page, { newcomer: true });
  const title = `The planning officer is corrupt ${uniqueSuffix()}`;
  const threadPath = await startThread(page, title, "Everyone knows he takes backhanders.");

  const first = await anotherPerson(browser);
  await signIn(first, DEMO.moderator);
  await openItemFromThread(first, threadPath);
  await first
    .getByLabel("The house rule it breaks")
    .first()
    .selectOption({ label: "1. Be respectful" });
  await first.getByRole("button", { name: "Reject the post" }).click();
  await expect(first.getByText("Decided: rejected.")).toBeVisible();

  await expectNotification(page, /not published: it breaks house rule “Be respectful”/);
  // The thread page now says exactly what happened: rejected, why, and the appeal;
  // nothing about waiting for a moderator any more.
  await page.goto(threadPath);
  const note = page.locator(".moderation-note");
  await expect(note.getByText(/Rejected by a moderator\. .*You can appeal once\./)).toBeVisible();
  await expect(note.getByRole("link", { name: "Be respectful" })).toBeVisible();
  await expect(note.getByRole("link", { name: "Appeal this decision" })).toBeVisible();
  await expect(note).not.toContainText(/first few posts|waiting|less than a day/);
  await page.goto("/notifications");
  await page.getByRole("link", { name: /not published: it breaks house rule/ }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Your post in moderation" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Be respectful" })).toBeVisible();
  await expectAccessible(page);
  const reviewPath = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Send my appeal" }).click();
  await expect(
    page.getByText(/Tell the moderators why the decision should change/).first(),
  ).toBeVisible();
  await page
    .getByLabel("Why should the decision change?")
    .fill("I was describing what residents say, not accusing anyone myself.");
  await page.getByRole("button", { name: "Send my appeal" }).click();
  await expect(page.getByText(/Your appeal is with the moderators/)).toBeVisible();
  await expect(
    page.getByText(/Rejected by a moderator: your appeal is waiting for a different moderator/),
  ).toBeVisible();
  await page.goto(threadPath);
  await expect(page.locator(".moderation-note")).toContainText(
    "your appeal is waiting for a different moderator",
  );
  await expect(page.getByRole("link", { name: "Appeal this decision" })).toHaveCount(0);

  // The moderator who rejected it may not decide the appeal.
  await openItemFromThread(first, threadPath);
  await expect(first.getByText(/another moderator must decide this appeal/)).toBeVisible();
  await expect(first.getByRole("button", { name: "Restore the post" })).toHaveCount(0);

  const second = await anotherPerson(browser);
  await signIn(second, DEMO.moderator2);
  await openItemFromThread(second, threadPath);
  await expect(second.getByText(/The author’s appeal: I was describing/)).toBeVisible();
  await expectAccessible(second);
  await second.getByRole("button", { name: "Restore the post" }).click();
  await expect(second.getByText("Decided: approved.")).toBeVisible();

  await expectNotification(page, /Your appeal succeeded/);
  await page.goto(reviewPath);
  await expect(page.getByText("Public again: the appeal succeeded.")).toBeVisible();
  await signOut(page);
  await page.goto(threadPath);
  await expect(page.getByText("Everyone knows he takes backhanders.")).toBeVisible();
});

test("a suspended resident can read but is refused, with the date and the reason", async ({
  page,
  browser,
}) => {
  const resident = await registerResident(page);
  const profileHref = await page
    .getByRole("link", { name: resident.name })
    .first()
    .getAttribute("href");
  const userId = profileHref?.split("/").pop();

  const moderator = await anotherPerson(browser);
  await signIn(moderator, DEMO.moderator);
  await moderator.goto(`/moderation/people/${userId}`);
  await expectAccessible(moderator);
  await moderator.getByRole("radio", { name: /^Suspend/ }).check();
  await moderator.getByLabel("How long, for a suspension").selectOption("7");
  await moderator.getByLabel("Reason, in words they will read").fill("Repeated personal attacks.");
  await moderator.getByRole("button", { name: "Apply" }).click();
  await expect(moderator.getByText(/The account is suspended/)).toBeVisible();

  const until = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "long",
    timeZone: "Europe/London",
  }).format(new Date(Date.now() + 7 * 86_400_000));
  await page.goto(`${ISSUE}/new-thread`);
  const banner = page.getByRole("region", { name: "Your account" });
  await expect(banner).toContainText(`suspended until ${until}`);
  await expect(banner).toContainText("Repeated personal attacks.");
  await expectAccessible(page);
  await page.getByLabel("Discussion").check();
  await page.getByLabel("Title").fill("Let me back in please");
  await page.getByLabel("Your first post").fill("I promise to behave.");
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("alert")).toContainText(`suspended until ${until}`);
  await expect(page.getByLabel("Title")).toHaveValue("Let me back in please");

  await page.goto(ISSUE);
  await expect(
    page.getByRole("heading", { level: 1, name: "Resurfacing Mill Lane" }),
  ).toBeVisible();
});

test("two moderators on one item: the second is told it is already handled", async ({
  page,
  browser,
}) => {
  await registerResident(page, { newcomer: true });
  const title = `Dog fouling on the green ${uniqueSuffix()}`;
  const threadPath = await startThread(page, title, "Please add more bins by the swings.");

  const first = await anotherPerson(browser);
  await signIn(first, DEMO.moderator);
  await openItemFromThread(first, threadPath);
  const second = await anotherPerson(browser);
  await signIn(second, DEMO.moderator2);
  await openItemFromThread(second, threadPath);

  await first.getByRole("button", { name: "Approve the post" }).click();
  await expect(first.getByText("Decided: approved.")).toBeVisible();

  await second
    .getByLabel("The house rule it breaks")
    .first()
    .selectOption({ label: "3. Stay on the issue" });
  await second.getByRole("button", { name: "Reject the post" }).click();
  await expect(second.getByRole("alert")).toContainText(
    "Already handled by Morgan Reed: approved.",
  );
  await expectAccessible(second);
});

test("an admin changes the settings and the house rules; both are audited; residents can't get in", async ({
  page,
}) => {
  await registerResident(page);
  expect((await page.goto("/moderation"))?.status()).toBe(403);
  expect((await page.goto("/admin/moderation-settings"))?.status()).toBe(403);
  await signOut(page);

  await signIn(page, DEMO.admin);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Moderation settings" })).toBeVisible();
  await expectAccessible(page);
  const held = page.getByLabel("Posts held for a new account");
  await held.fill("lots");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert")).toContainText("as a whole number");
  await expect(held).toHaveValue("lots");
  await held.fill("3");
  const term = `e2eterm${uniqueSuffix()}`;
  const terms = page.getByLabel("Blocked terms");
  await terms.fill(`${await terms.inputValue()}\n${term}`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("The settings are saved.")).toBeVisible();

  await page.goto("/moderation/audit?action=update_settings");
  await expect(page.getByRole("cell", { name: new RegExp(term) }).first()).toBeVisible();
  await expectAccessible(page);

  await page.goto("/admin/house-rules");
  await expectAccessible(page);
  const rule = `Be kind to volunteers ${uniqueSuffix()}`;
  const add = page.getByRole("region", { name: "Add a rule" });
  await add.getByLabel("Title").fill(rule);
  await add.getByLabel("What it means").fill("Library and park volunteers give their time freely.");
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page).toHaveURL(/\/admin\/house-rules\?saved/);
  await page.goto("/house-rules");
  await expect(page.getByRole("heading", { level: 2, name: rule })).toBeVisible();
});
