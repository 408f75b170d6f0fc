/**
 * Two-step sign-in, with and without JavaScript: a staff account sets up an authenticator
 * app before it reaches anything, then signs in with codes and recovery codes; an
 * administrator changes a role and resets a lost second factor. Codes are computed in the
 * test from the key the set-up page shows, as an authenticator app would.
 */
import type { Page } from "@playwright/test";
import {
  expect,
  expectAccessible,
  receivedMail,
  registerResident,
  signOut,
  test,
} from "./fixtures";
import { withE2eDatabase } from "./e2e-database";
import { freshCode } from "./second-factors";
import type { Role } from "../db/schema";

async function makeRole(email: string, role: Role): Promise<void> {
  await withE2eDatabase((client) =>
    client.query("update users set role = $1 where email = $2", [role, email]),
  );
}

async function signInWithPassword(page: Page, account: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Sets up an authenticator on the set-up page; returns its key, last step and codes. */
async function setUpAuthenticator(page: Page) {
  await expect(page.getByRole("heading", { name: "Set up an authenticator app" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code holding your Parley key/ })).toBeVisible();
  const keyText = (await page.locator("#authenticator-key").textContent()) ?? "";
  await page.getByLabel("Code from your app").fill("123");
  await page.getByRole("button", { name: "Confirm and set up" }).click();
  await expect(page.getByRole("alert")).toContainText("The code is not right");
  // The same key is shown again after a refusal: the app the person added it to still works.
  await expect(page.locator("#authenticator-key")).toHaveText(keyText);
  const code = await freshCode(keyText, null);
  await page.getByLabel("Code from your app").fill(code.code);
  await page.getByRole("button", { name: "Confirm and set up" }).click();
  await expect(
    page.getByRole("heading", { name: "Your authenticator app is set up" }),
  ).toBeVisible();
  const recoveryCodes = await page.locator(".recovery-codes li").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await expectAccessible(page);
  return { keyText, lastStep: code.step, recoveryCodes };
}

async function enterCode(page: Page, code: string) {
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a new officer sets up an authenticator before reaching anything, then signs in with codes and recovery codes", async ({
  page,
}) => {
  const officer = await registerResident(page);
  await makeRole(officer.email, "officer");
  // The session signed in with a password only: now an officer's, it reaches no staff page.
  await page.goto("/staff/unanswered");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
  await expect(page.getByRole("link", { name: "Finish signing in" })).toBeVisible();
  await signOut(page);

  await signInWithPassword(page, officer);
  await expect(page).toHaveURL(/\/account\/authenticator/);
  await expectAccessible(page);
  // A passkey is offered too; without JavaScript the page says it needs it.
  await page.getByRole("link", { name: "Use a passkey instead" }).click();
  if (test.info().project.use.javaScriptEnabled === false) {
    await expect(page.getByText("Passkeys need JavaScript in your browser")).toBeVisible();
  } else {
    await expect(page.getByRole("button", { name: "Create a passkey" })).toBeVisible();
  }
  await expectAccessible(page);
  await page.getByRole("link", { name: "Use an authenticator app instead" }).click();
  const app = await setUpAuthenticator(page);
  await page.getByRole("link", { name: /I have saved my recovery codes/ }).click();
  await page.goto("/staff/unanswered");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/unanswered/i);
  const added = await receivedMail(officer.email, /How you sign in to Parley has changed/);
  expect(added.text).toContain("An authenticator app was added");
  await signOut(page);

  // Next time: a code. A wrong one is refused; the app's current one lets them in.
  await signInWithPassword(page, officer);
  await expectAccessible(page);
  await enterCode(page, "000000");
  await expect(page.getByRole("alert")).toContainText("The code is not right");
  const next = await freshCode(app.keyText, app.lastStep);
  await enterCode(page, next.code);
  await expect(page.getByText(`Signed in as ${officer.name}`)).toBeVisible();
  await page.goto("/staff/unanswered");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/unanswered/i);
  await signOut(page);

  // A lost phone: a recovery code works once, and the page says how many are left.
  const [recovery] = app.recoveryCodes;
  await signInWithPassword(page, officer);
  await enterCode(page, recovery!.toUpperCase());
  await expect(page.getByRole("status")).toContainText("You signed in with a recovery code");
  await expect(page.getByRole("status")).toContainText("You have 9 left");
  await signOut(page);
  await signInWithPassword(page, officer);
  await enterCode(page, recovery!);
  await expect(page.getByRole("alert")).toContainText("or it has been used");
});

test("an administrator changes a role and resets a lost second factor, each with a fresh code", async ({
  page,
  browser,
}) => {
  // An administrator of the test's own, so its codes are nobody else's.
  const admin = await registerResident(page, { name: `Admin ${Date.now().toString(36)}` });
  await makeRole(admin.email, "admin");
  await signOut(page);
  await signInWithPassword(page, admin);
  const adminApp = await setUpAuthenticator(page);
  let adminStep = adminApp.lastStep;

  const otherContext = await browser.newContext({
    baseURL: process.env.PARLEY_E2E_URL,
    javaScriptEnabled: test.info().project.use.javaScriptEnabled !== false,
  });
  const person = await otherContext.newPage();
  const resident = await registerResident(person);

  await page.goto(`/admin/users?q=${encodeURIComponent(resident.email)}`);
  await expectAccessible(page);
  await page.getByRole("link", { name: resident.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: resident.name })).toBeVisible();
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Moderator" });
  await page.locator("#role-code").fill("000000");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("alert")).toContainText("The code is not right");
  // The choice is kept; a fresh code confirms it.
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("moderator");
  const roleCode = await freshCode(adminApp.keyText, adminStep);
  adminStep = roleCode.step;
  await page.locator("#confirmationCode").fill(roleCode.code);
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status")).toContainText("The role is changed");
  await expectAccessible(page);
  const told = await receivedMail(resident.email, /How you sign in to Parley has changed/);
  expect(told.text).toContain("changed your role on Parley to moderator");

  // The new moderator's password-only session reaches no moderation until they set up.
  await person.goto("/moderation");
  await expect(person).toHaveURL(/\/sign-in\?redirectTo=/);
  await person.getByRole("link", { name: "Finish signing in" }).click();
  await setUpAuthenticator(person);
  await person.goto("/moderation");
  await expect(person.getByRole("heading", { level: 1 })).toContainText(/moderation/i);

  // They lose their phone and codes: the admin resets it, and they set up again.
  await page.goto(page.url().split("?")[0]!);
  await page.getByLabel("Reason").fill("Lost phone; called back on the number HR holds.");
  const resetCode = await freshCode(adminApp.keyText, adminStep);
  await page.locator("#reset-code").fill(resetCode.code);
  await page.getByRole("button", { name: "Reset two-step sign-in" }).click();
  await expect(page.getByRole("status")).toContainText("signed out everywhere");
  await person.goto("/moderation");
  await expect(person).toHaveURL(/\/sign-in/);
  await signInWithPassword(person, resident);
  await expect(person.getByRole("heading", { name: "Set up an authenticator app" })).toBeVisible();
  await otherContext.close();

  const audit = await withE2eDatabase((client) =>
    client.query<{ action: string }>(
      `select action from moderation_actions where target_id = (select id from users where email = $1)
       and action in ('role_changed', 'second_factors_reset') order by id`,
      [resident.email],
    ),
  );
  expect(audit.rows.map((row) => row.action)).toEqual(["role_changed", "second_factors_reset"]);
});

test("a moderator bans someone only with a fresh code", async ({ page, browser }) => {
  // A moderator of the test's own, so its codes are nobody else's.
  const moderator = await registerResident(page, { name: `Mod ${Date.now().toString(36)}` });
  await makeRole(moderator.email, "moderator");
  await signOut(page);
  await signInWithPassword(page, moderator);
  const app = await setUpAuthenticator(page);
  await page.getByRole("link", { name: /I have saved my recovery codes/ }).click();

  const otherContext = await browser.newContext({ baseURL: process.env.PARLEY_E2E_URL });
  const resident = await registerResident(await otherContext.newPage());
  await otherContext.close();
  const residentId = await withE2eDatabase(async (client) => {
    const result = await client.query<{ id: number }>("select id from users where email = $1", [
      resident.email,
    ]);
    return result.rows[0]!.id;
  });

  await page.goto(`/moderation/people/${residentId}`);
  await page.getByRole("radio", { name: /^Ban/ }).check();
  await page
    .getByLabel("Reason, in words they will read")
    .fill("Repeated threats to other residents.");
  await page.getByRole("button", { name: "Apply" }).click();
  // No code, no ban; what was typed is kept.
  await expect(page.getByRole("alert")).toContainText("Enter the code");
  await expect(page.getByLabel("Reason, in words they will read")).toHaveValue(
    "Repeated threats to other residents.",
  );
  await expectAccessible(page);
  const code = await freshCode(app.keyText, app.lastStep);
  await page.locator("#confirmationCode").fill(code.code);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toContainText("The account is banned");
});
