/**
 * Staff single sign-on through the council's identity provider: a real OpenID Connect
 * provider (oidc-provider) runs inside the e2e process (scripts/test-harness/
 * identity-provider.ts). Its development pages take any login name as the person's
 * address; `officer.…@northbridge.gov.uk` is in the officers' group there.
 */
import type { Page } from "@playwright/test";
import {
  expect,
  expectAccessible,
  registerResident,
  signOut,
  test,
  uniqueSuffix,
} from "./fixtures";
import { withE2eDatabase } from "./e2e-database";
import { freshCode } from "./second-factors";

const PROVIDER = "Northbridge Council";

function identityProvider(): string {
  const issuer = process.env.PARLEY_E2E_IDENTITY_PROVIDER;
  if (!issuer) throw new Error("the e2e global setup did not start the identity provider");
  return issuer;
}

/**
 * From Parley's sign-in page to the provider, signing in there as `login`. A browser
 * still signed in at the provider comes straight back (`login` null).
 */
async function signInAtProvider(page: Page, login: string | null) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${PROVIDER}` }).click();
  if (login === null) return;
  await expect(page).toHaveURL(new RegExp(`^${identityProvider()}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything at all");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

async function accountsWithAddress(address: string) {
  return withE2eDatabase(async (client) => {
    const result = await client.query<{ role: string; links: string }>(
      `select u.role, (select count(*) from oidc_identities i where i.user_id = u.id) as links
         from users u where u.email = $1`,
      [address],
    );
    return result.rows;
  });
}

test("an officer's first sign-in through the council's provider makes their account, and the next one reuses it", async ({
  page,
}) => {
  const address = `officer.sam-${uniqueSuffix()}@northbridge.gov.uk`;
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Council staff" })).toBeVisible();
  await expectAccessible(page);
  await signInAtProvider(page, address);

  // Back at Parley with the officer's role, and Parley's own second factor still owed:
  // the provider's MFA counts only when an administrator says so.
  await expect(page).toHaveURL(/\/account\/authenticator/);
  expect(await accountsWithAddress(address)).toEqual([{ role: "officer", links: "1" }]);
  const keyText = (await page.locator("#authenticator-key").textContent()) ?? "";
  const first = await freshCode(keyText, null);
  await page.getByLabel("Code from your app").fill(first.code);
  await page.getByRole("button", { name: "Confirm and set up" }).click();
  await page.getByRole("link", { name: /I have saved my recovery codes/ }).click();
  await expect(page.getByText("Signed in as Sam")).toBeVisible();
  await page.goto("/staff/unanswered");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/unanswered/i);
  await signOut(page);

  // The second time (still signed in at the provider, so straight back): the same
  // account, found by the provider's subject.
  await signInAtProvider(page, null);
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  const next = await freshCode(keyText, first.step);
  await page.getByLabel("Code", { exact: true }).fill(next.code);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Signed in as Sam")).toBeVisible();
  expect(await accountsWithAddress(address)).toEqual([{ role: "officer", links: "1" }]);
});

test("a tampered state, an address outside the council's domain, and a non-staff account are refused", async ({
  page,
}) => {
  // Parley sends the browser to the provider with a state, which the provider hands back
  // unchanged; one letter changed on the way and Parley no longer knows the attempt, so
  // it signs nobody in.
  const address = `officer.kim-${uniqueSuffix()}@northbridge.gov.uk`;
  const started = await page.request.post("/sign-in/sso/council", {
    form: { redirectTo: "/" },
    headers: { Origin: process.env.PARLEY_E2E_URL ?? "" },
    maxRedirects: 0,
  });
  expect(started.status()).toBe(303);
  const authorization = new URL(started.headers().location ?? "");
  const state = authorization.searchParams.get("state") ?? "";
  authorization.searchParams.set(
    "state",
    `${state.slice(0, -1)}${state.endsWith("A") ? "B" : "A"}`,
  );
  await page.goto(authorization.href);
  await page.locator('input[name="login"]').fill(address);
  await page.locator('input[name="password"]').fill("anything at all");
  const [refused] = await Promise.all([
    page.waitForResponse((response) => response.url().includes("/sign-in/sso/council/callback")),
    (async () => {
      await page.getByRole("button", { name: "Sign-in" }).click();
      await page.getByRole("button", { name: "Continue" }).click();
    })(),
  ]);

  expect(refused.status()).toBe(400);
  await expect(
    page.getByRole("heading", { name: `Signing in through ${PROVIDER} did not work` }),
  ).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("could not be matched");
  await expectAccessible(page);
  expect(await accountsWithAddress(address)).toEqual([]);

  // Someone whose address is not at the council's domain.
  await page.context().clearCookies();
  await signInAtProvider(page, `visitor-${uniqueSuffix()}@gmail.example`);
  await expect(page.getByRole("alert")).toContainText(
    "not one Northbridge Council signs staff in with",
  );

  // A council address without a staff role there: single sign-on is for staff.
  await page.context().clearCookies();
  const resident = `pat-${uniqueSuffix()}@northbridge.gov.uk`;
  await signInAtProvider(page, resident);
  await expect(page.getByRole("alert")).toContainText("for council staff");
  expect(await accountsWithAddress(resident)).toEqual([]);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("signing out at the provider ends the Parley session it started (back-channel logout)", async ({
  page,
}) => {
  const address = `officer.alex-${uniqueSuffix()}@northbridge.gov.uk`;
  await signInAtProvider(page, address);
  const keyText = (await page.locator("#authenticator-key").textContent()) ?? "";
  await page.getByLabel("Code from your app").fill((await freshCode(keyText, null)).code);
  await page.getByRole("button", { name: "Confirm and set up" }).click();
  await page.getByRole("link", { name: /I have saved my recovery codes/ }).click();
  await expect(page.getByText("Signed in as Alex")).toBeVisible();

  await page.goto(`${identityProvider()}/session/end`);
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  // The provider tells Parley server to server; the browser never comes back to Parley.
  await expect
    .poll(
      async () => {
        await page.goto("/");
        return page.getByRole("link", { name: "Sign in" }).isVisible();
      },
      { timeout: 30_000 },
    )
    .toBe(true);
});

test("once linked to the council's sign-in, an account's Parley password no longer signs it in", async ({
  page,
}) => {
  // Someone with a Parley account (confirmed) who becomes staff at the council's address.
  const person = await registerResident(page);
  await signOut(page);
  const address = `officer.lee-${uniqueSuffix()}@northbridge.gov.uk`;
  await withE2eDatabase((client) =>
    client.query("update users set email = $1 where email = $2", [address, person.email]),
  );
  await signInAtProvider(page, address);
  // Linked, and now an officer: Parley's own second factor is set up next.
  await expect(page).toHaveURL(/\/account\/authenticator/);
  expect(await accountsWithAddress(address)).toEqual([{ role: "officer", links: "1" }]);
  await page.goto("/");
  await signOut(page);

  // The old password is right, but the account now signs in only through the council.
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(address);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(`This account signs in through ${PROVIDER}`);
  await expect(page.getByLabel("Email address")).toHaveValue(address);
});
