import {
  DEMO,
  expect,
  expectAccessible,
  mailLink,
  receivedMail,
  registerResident,
  signIn,
  test,
  uniqueSuffix,
} from "./fixtures";

test("register, confirm from the delivered email, then post", async ({ page }) => {
  const resident = await registerResident(page, { unconfirmed: true });
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expectAccessible(page);

  // Until the address is confirmed, the thread page says why there is no reply box.
  await page.goto("/issues/library-opening-hours");
  await page.getByRole("list", { name: "Threads" }).getByRole("link").first().click();
  await page.waitForURL(/\/threads\/\d+/);
  await expect(page.getByText("Confirm your email address to post").first()).toBeVisible();
  await expect(page.getByLabel("Your reply")).toHaveCount(0);
  const threadUrl = page.url();

  const mail = await receivedMail(resident.email, /Confirm your email address/);
  await page.goto(mailLink(mail, "/account/confirm-email"));
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByText("your email address is confirmed")).toBeVisible();

  await page.goto(threadUrl);
  const reply = `Confirmed and posting ${uniqueSuffix()}`;
  await page.getByLabel("Your reply").fill(reply);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText(reply)).toBeVisible();
});

test("forgotten password: reset from the email, and the old session is gone", async ({
  page,
  browser,
}) => {
  const resident = await registerResident(page);
  // Another browser, where the person forgot their password.
  const other = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
  });
  try {
    const elsewhere = await other.newPage();
    await elsewhere.goto("/sign-in");
    await elsewhere.getByRole("link", { name: "Forgotten your password?" }).click();
    await expectAccessible(elsewhere);
    await elsewhere.getByLabel("Email address").fill(resident.email);
    await elsewhere.getByRole("button", { name: "Send me a link" }).click();
    await expect(elsewhere.getByRole("heading", { name: "Check your email" })).toBeVisible();

    const mail = await receivedMail(resident.email, /Reset your Parley password/);
    await elsewhere.goto(mailLink(mail, "/reset-password"));
    await expectAccessible(elsewhere);
    // A common password is refused with a reason; the page keeps working.
    await elsewhere.getByLabel("New password").fill("password123");
    await elsewhere.getByRole("button", { name: "Save my new password" }).click();
    await expect(elsewhere.getByText("one of the most common").first()).toBeVisible();
    await elsewhere.getByLabel("New password").fill("kettle-harbour-violet");
    await elsewhere.getByRole("button", { name: "Save my new password" }).click();
    await expect(elsewhere.getByText("Your password is changed")).toBeVisible();

    // The session in the first browser ended with the reset.
    await page.reload();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await signIn(page, { email: resident.email, password: "kettle-harbour-violet" });

    // The link was single-use.
    await elsewhere.goto(mailLink(mail, "/reset-password"));
    await expect(
      elsewhere.getByText("This link has expired or has already been used"),
    ).toBeVisible();
  } finally {
    await other.close();
  }
});

test("sign out a browser you do not recognise from your account page", async ({
  page,
  browser,
}) => {
  const resident = await registerResident(page);
  const other = await browser.newContext({
    javaScriptEnabled: test.info().project.use.javaScriptEnabled,
  });
  try {
    const elsewhere = await other.newPage();
    await signIn(elsewhere, resident);
    await page.goto("/account");
    const sessions = page.getByRole("region", { name: "Where you are signed in" });
    await expect(sessions.getByRole("listitem")).toHaveCount(2);
    await expect(sessions.getByText("(this browser)")).toHaveCount(1);
    await expectAccessible(page);
    await sessions.getByRole("button", { name: /^Sign out / }).click();
    await expect(page.getByText("That browser is signed out.")).toBeVisible();
    await expect(sessions.getByRole("listitem")).toHaveCount(1);

    await elsewhere.reload();
    await expect(elsewhere.getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.reload();
    await expect(page.getByText(`Signed in as ${resident.name}`)).toBeVisible();
  } finally {
    await other.close();
  }
});

test("download my data", async ({ page }) => {
  await registerResident(page);
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Download your data" }).click();
  await page.getByRole("button", { name: "Prepare my data" }).click();
  await expect(page.getByText(/preparing your data|Your data is ready/)).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: "Download your data (zip)" })).toBeVisible({
      timeout: 500,
    });
  }).toPass({ timeout: 60_000 });
  await expectAccessible(page);
  const href = await page
    .getByRole("link", { name: "Download your data (zip)" })
    .getAttribute("href");
  const download = await page.request.get(href ?? "");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/zip");
  expect((await download.body()).subarray(0, 2).toString()).toBe("PK");
});

test("delete my account, keeping posts as a former participant", async ({ page }) => {
  const resident = await registerResident(page);
  await page.goto("/issues/library-opening-hours");
  await page.getByRole("list", { name: "Threads" }).getByRole("link").first().click();
  const reply = `Before I go ${uniqueSuffix()}`;
  await page.getByLabel("Your reply").fill(reply);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText(reply)).toBeVisible();
  const threadUrl = page.url().replace(/[?#].*$/, "");

  await page.goto("/account/delete");
  await expectAccessible(page);
  // A wrong password is refused and the choice is kept.
  await page.getByLabel(/Keep my posts/).check();
  await page.getByLabel("Your password").fill("not my password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Your password is not right").first()).toBeVisible();
  await expect(page.getByLabel(/Keep my posts/)).toBeChecked();
  await page.getByLabel("Your password").fill(resident.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto(threadUrl);
  const post = page.getByRole("article").filter({ hasText: reply });
  await expect(post.getByText("Former participant")).toBeVisible();
  await expect(page.getByText(resident.name)).toHaveCount(0);

  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(resident.email);
  await page.getByLabel("Password").fill(resident.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("The email address or password is not right")).toBeVisible();
});

test("account pages are never cached, and demo staff see them too", async ({ page }) => {
  await signIn(page, DEMO.officer);
  const response = await page.goto("/account");
  expect(response?.headers()["cache-control"]).toBe("no-store");
  await expect(page.getByText(DEMO.officer.email)).toBeVisible();
});
