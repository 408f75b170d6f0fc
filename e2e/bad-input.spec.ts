import type { Page, Response } from "@playwright/test";
import {
  DEMO,
  expect,
  expectAccessible,
  receivedMail,
  registerResident,
  signIn,
  test,
  uniqueSuffix,
} from "./fixtures";

/** Clicks a submit button and returns the answer to the form's POST (document or data request). */
async function submit(page: Page, button: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  return response;
}

test("an empty title is refused beside the field, and the post is kept", async ({ page }) => {
  await signIn(page, DEMO.resident);
  await page.goto("/issues/resurfacing-mill-lane/new-thread");
  await page.getByLabel("Your first post").fill("My carefully written post.");
  const response = await submit(page, "Start thread");
  expect(response.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(page.locator("#title-error")).toHaveText("Error: Enter a title");
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your first post")).toHaveValue("My carefully written post.");
  await expectAccessible(page);
});

test("a 200 KB post is refused with its length and the limit, and nothing is lost", async ({
  page,
}) => {
  await signIn(page, DEMO.resident);
  await page.goto("/issues/budget-2027-28");
  await page
    .getByRole("list", { name: "Threads" })
    .getByRole("listitem")
    .first()
    .getByRole("link")
    .click();
  const huge = "Northbridge ".repeat(17_067).slice(0, 200 * 1024);
  await page.getByLabel("Your reply").fill(huge);
  const response = await submit(page, "Post reply");
  expect(response.status()).toBe(400);
  await expect(page.locator("#body-error")).toContainText(
    "204,800 characters long; the limit is 20,000",
  );
  await expect(page.getByLabel("Your reply")).toHaveValue(huge);
  await expectAccessible(page);
});

test("an invalid email is refused and the name is kept", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByLabel("Your name").fill("Jo Bloggs");
  await page.getByLabel("Password").fill("a long enough password");
  const response = await submit(page, "Register");
  expect(response.status()).toBe(400);
  await expect(page.locator("#email-error")).toContainText(
    "Enter an email address in the right format",
  );
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Your name")).toHaveValue("Jo Bloggs");
  await expectAccessible(page);
});

test("registering a taken address looks the same as a new one; its holder is told by email", async ({
  page,
  context,
}) => {
  const existing = await registerResident(page);
  await context.clearCookies();
  const register = async (email: string) => {
    await page.goto("/register");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Your name").fill("Someone Else");
    await page.getByLabel("Password").fill("another long password");
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
    return (await page.locator("main").innerText()).replace(/\s+/g, " ");
  };
  const forTaken = await register(existing.email.toUpperCase());
  const forNew = await register(`new.${uniqueSuffix()}@e2e.example`);
  // Nothing on the page tells a stranger which of the two addresses was known.
  expect(forTaken).toBe(forNew);
  await expectAccessible(page);
  const mail = await receivedMail(existing.email, /Someone tried to register/);
  expect(mail.text).not.toContain("Someone Else");
});

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("resident@northbridge.example");
  await page.getByLabel("Password").fill("not the password");
  const response = await submit(page, "Sign in");
  expect(response.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("The email address or password is not right");
  await expect(page.getByLabel("Email address")).toHaveValue("resident@northbridge.example");
  await expectAccessible(page);
});

test("a closed issue refuses new threads, says why, and keeps what was typed", async ({ page }) => {
  await signIn(page, DEMO.resident);
  await page.goto("/issues/fortnightly-bin-collections");
  await expect(
    page.getByText("This consultation is not taking new threads or posts."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Start a thread" })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto("/issues/fortnightly-bin-collections/new-thread");
  await expect(page.getByText("This consultation is not open for new threads.")).toBeVisible();
  await page.getByLabel("Title").fill("Please reconsider the bins");
  await page.getByLabel("Your first post").fill("I missed the deadline.");
  const response = await submit(page, "Start thread");
  expect(response.status()).toBe(403);
  await expect(page.getByRole("alert")).toContainText("This consultation closed on");
  await expect(page.getByLabel("Your first post")).toHaveValue("I missed the deadline.");
  await expectAccessible(page);
});
