import {
  anotherPerson,
  createIssue,
  DEMO,
  expect,
  expectAccessible,
  expectNotification,
  registerResident,
  signIn,
  test,
  uniqueSuffix,
} from "./fixtures";

test("an officer drafts, previews and publishes an outcome citing two posts; everyone involved hears", async ({
  page,
  browser,
}) => {
  const suffix = uniqueSuffix();
  const officer = page;
  await signIn(officer, DEMO.officer);
  const issuePath = await createIssue(officer, `Bus shelter on Quay Road ${suffix}`);

  const follower = await anotherPerson(browser);
  await registerResident(follower);
  await follower.goto(issuePath);
  await follower.getByRole("button", { name: "Follow this issue" }).click();
  await expect(follower.getByRole("button", { name: "Unfollow this issue" })).toBeVisible();

  const cited = await anotherPerson(browser);
  const citedAuthor = await registerResident(cited);
  await cited.goto(`${issuePath}/new-thread`);
  await cited.getByLabel("Idea").check();
  await cited.getByLabel("Title").fill(`Put it by the library ${suffix}`);
  await cited.getByLabel("Your first post").fill("The library stop has the longest waits.");
  await cited.getByRole("button", { name: "Start thread" }).click();
  await cited.getByLabel("Your reply").fill("And older people wait there in the rain.");
  await cited.getByRole("button", { name: "Post reply" }).click();
  await expect(cited.getByText("And older people wait there in the rain.")).toBeVisible();
  const threadPath = new URL(cited.url()).pathname;

  const participant = await anotherPerson(browser);
  await registerResident(participant);
  await participant.goto(threadPath);
  await participant.getByLabel("Your reply").fill("I would rather it went by the school.");
  await participant.getByRole("button", { name: "Post reply" }).click();
  await expect(participant.getByText("I would rather it went by the school.")).toBeVisible();

  await officer.goto(issuePath);
  await officer.getByRole("link", { name: "Write an outcome for this issue" }).click();
  await expect(officer.getByRole("heading", { level: 1, name: "Write an outcome" })).toBeVisible();
  await expectAccessible(officer);
  const title = `A new shelter by the library ${suffix}`;
  await officer.getByLabel("Title", { exact: true }).fill(title);
  await officer.getByLabel("You said").fill("Most of you said the **library stop** needs it most.");
  await officer.getByLabel(/The library stop has the longest waits/).check();
  await officer.getByLabel(/older people wait there in the rain/).check();
  await officer
    .getByLabel("We did")
    .fill("We ordered a shelter with seating for the library stop.");
  await officer.getByLabel("Decision made").check();
  await officer.getByLabel("Progress (0 to 100%)").fill("10");
  await officer.getByLabel("Next steps").fill("2099-03-01 | Install the shelter");
  await officer.getByRole("button", { name: "Save draft and preview" }).click();

  await expect(officer.getByText(/Preview of a draft/)).toBeVisible();
  await expect(officer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const quotes = officer.getByRole("list", { name: "Contributions cited" });
  await expect(quotes.getByRole("listitem")).toHaveCount(2);
  await expectAccessible(officer);
  await officer.getByRole("button", { name: "Publish this outcome" }).click();
  await expect(officer.getByText(/Published\. Everyone who follows/)).toBeVisible();
  const outcomePath = new URL(officer.url()).pathname;

  await expectNotification(follower, new RegExp(`published “${title}”`));
  await expectNotification(participant, new RegExp(`published “${title}”`));
  await expectNotification(cited, new RegExp(`Your contribution was cited in “${title}”`));

  // The cited post links to the outcome.
  await cited.goto(threadPath);
  const citedPost = cited
    .getByRole("article")
    .filter({ hasText: "The library stop has the longest waits." });
  await citedPost.getByRole("link", { name: `outcome “${title}”` }).click();
  await expect(cited.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(cited.getByText(`— ${citedAuthor.name}`).first()).toBeVisible();
  await expectAccessible(cited);

  // A status update lands in the public changelog.
  await officer.goto(outcomePath);
  await officer.getByRole("link", { name: "Update status or progress" }).click();
  await officer.getByLabel("In progress").check();
  await officer.getByLabel("Progress (0 to 100%)").fill("50");
  await officer.getByRole("button", { name: "Save the update" }).click();
  const changelog = officer.getByRole("region", { name: "Changelog" });
  await expect(changelog).toContainText("Status: Decision made → In progress; Progress: 10% → 50%");
  await expectNotification(follower, new RegExp(`Progress on “${title}”: In progress, 50% done`));
});

test("a resident cannot reach the outcome editor, and the index and feeds are public", async ({
  page,
}) => {
  await registerResident(page);
  expect((await page.goto("/issues/riverside-flood-defences/outcomes/new"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You can't do that" })).toBeVisible();
  expect((await page.goto("/outcomes/1/edit"))?.status()).toBe(403);

  await page.goto("/outcomes");
  await expect(page.getByRole("heading", { level: 1, name: "You said, we did" })).toBeVisible();
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
    "href",
    "/feeds/outcomes/rss",
  );
  await page.getByLabel("Status").selectOption("implemented");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=implemented/);
  await expect(
    page.getByRole("list", { name: "Outcomes" }).getByRole("listitem").first(),
  ).toContainText("Implemented");
  await expect(page.getByRole("list", { name: "Outcomes" }).getByRole("listitem")).not.toHaveCount(
    0,
  );
  for (const meta of await page
    .getByRole("list", { name: "Outcomes" })
    .locator(".meta")
    .allTextContents()) {
    expect(meta).toContain("Implemented");
  }
  await expectAccessible(page);

  await page.goto("/issues/st-annes-housing-site");
  await expect(page.getByText(/Overdue/)).toBeVisible();
  await expect(page.getByText(/response is due by/)).toBeVisible();
  await expectAccessible(page);
});
