/**
 * Passkeys, with Chromium's virtual authenticator (the DevTools protocol's WebAuthn
 * domain): a new moderator sets one up as their second factor, signs out, signs in with
 * password and passkey, and removes it after confirming with it. Passkeys need
 * JavaScript, so this runs in the with-JavaScript project only; without JavaScript the
 * pages say so (two-step-sign-in.spec.ts). WebAuthn refuses IP addresses as the
 * relying party, so this test visits the server as "localhost".
 */
import type { Page } from "@playwright/test";
import { expect, expectAccessible, registerResident, signOut, test } from "./fixtures";
import { withE2eDatabase } from "./e2e-database";

test.use({ baseURL: process.env.PARLEY_E2E_URL?.replace("127.0.0.1", "localhost") });

async function addVirtualAuthenticator(page: Page): Promise<void> {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send("WebAuthn.enable");
  await devtools.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

async function signInWithPassword(page: Page, account: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a moderator sets up a passkey, signs in with password and passkey, and removes it after confirming with it", async ({
  page,
}) => {
  await addVirtualAuthenticator(page);
  const moderator = await registerResident(page);
  await withE2eDatabase((client) =>
    client.query("update users set role = 'moderator' where email = $1", [moderator.email]),
  );
  await signOut(page);

  // First sign-in as a moderator: set up a second factor, a passkey this time.
  await signInWithPassword(page, moderator);
  await expect(page.getByRole("heading", { name: "Set up an authenticator app" })).toBeVisible();
  await page.getByRole("link", { name: "Use a passkey instead" }).click();
  await expect(page.getByRole("heading", { name: "Add a passkey" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Name for this passkey").fill("Work laptop");
  await page.getByRole("button", { name: "Create a passkey" }).click();
  await expect(page.getByRole("heading", { name: "Your passkey is added" })).toBeVisible();
  // A first second factor comes with recovery codes.
  await expect(page.locator(".recovery-codes li")).toHaveCount(10);
  await page.getByRole("link", { name: "Continue" }).click();
  await page.goto("/moderation");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/moderation/i);
  await signOut(page);

  // Password, then the passkey.
  await signInWithPassword(page, moderator);
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await page.getByRole("button", { name: "Use your passkey instead" }).click();
  await expect(page.getByText(`Signed in as ${moderator.name}`)).toBeVisible();
  await page.goto("/moderation");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/moderation/i);

  // Removing it needs a fresh second factor: the passkey itself confirms.
  await page.goto("/account/two-factor");
  const passkey = page.getByRole("region", { name: "Work laptop" });
  await expect(passkey).toContainText("last used");
  await expectAccessible(page);
  await passkey.getByRole("button", { name: "Remove passkey “Work laptop”" }).click();
  await expect(passkey.getByRole("alert")).toContainText("Enter the code");
  await passkey.getByRole("button", { name: "Confirm with a passkey instead" }).click();
  await expect(page.getByRole("status")).toContainText("The passkey is removed");
  await expect(page.getByText("You have no passkey.")).toBeVisible();
  const left = await withE2eDatabase((client) =>
    client.query("select 1 from passkeys p join users u on u.id = p.user_id where u.email = $1", [
      moderator.email,
    ]),
  );
  expect(left.rowCount).toBe(0);
});
