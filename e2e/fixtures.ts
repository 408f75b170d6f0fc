/**
 * Shared e2e fixtures: axe on demand, console errors fail the test, and helpers to
 * register and sign in through the real forms.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { withE2eDatabase } from "./e2e-database";
import { rememberedBrowserCookie } from "./second-factors";

export { expect };

export const DEMO = {
  resident: { email: "resident@northbridge.example", password: "parley-resident-demo" },
  moderator: { email: "moderator@northbridge.example", password: "parley-moderator-demo" },
  moderator2: { email: "moderator2@northbridge.example", password: "parley-moderator2-demo" },
  admin: { email: "admin@northbridge.example", password: "parley-admin-demo" },
  officer: { email: "officer@northbridge.example", password: "parley-officer-demo" },
};

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        // A refused form answers 4xx on purpose; Chromium logs each such response as an error.
        // Remix logs the AbortError of a navigation superseded mid-stream (a search typed
        // on while the previous one loads) before it drops it: expected, not a failure.
        const text = message.text();
        // The test identity provider's development pages are not Parley's (they load a
        // web font the test machine cannot reach): their console is theirs.
        const identityProvider = process.env.PARLEY_E2E_IDENTITY_PROVIDER;
        if (identityProvider && page.url().startsWith(identityProvider)) return;
        if (
          message.type() === "error" &&
          !/status of 4\d\d/.test(text) &&
          !/^AbortError: signal is aborted without reason/.test(text)
        )
          errors.push(`${page.url()}: ${text}`);
      });
      page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
      await use(errors);
      expect(errors, "the browser console had errors").toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Runs axe for WCAG 2.2 A and AA on the page as it is now; any violation fails the test.
 * axe is JavaScript, so with JavaScript off it checks an exact copy instead: the same
 * HTML (scripts removed, as the visitor has none) served at the same address, with the
 * real stylesheets, in a scratch page that may run axe.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (test.info().project.use.javaScriptEnabled === false) {
    await expectCopyAccessible(page);
    return;
  }
  reportViolations(page.url(), await analyse(page));
}

async function expectCopyAccessible(page: Page): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser to check the page's copy in");
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const address = page.url();
  const scratch = await browser.newContext({ javaScriptEnabled: true });
  try {
    const copy = await scratch.newPage();
    await copy.route(
      (url) => url.href === address,
      (route) =>
        route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copy.goto(address);
    reportViolations(`${address} (without JavaScript)`, await analyse(copy));
  } finally {
    await scratch.close();
  }
}

function analyse(page: Page) {
  return new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
}

function reportViolations(where: string, results: Awaited<ReturnType<typeof analyse>>): void {
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Registers a resident through the real form, then signs in as they would (registering
 * never signs in: it answers the same whether or not the address is taken). A brand-new
 * account's first posts wait for a moderator, so unless a test is about that
 * (`newcomer: true`) the account is then vouched for (trust level 1), as an admin would
 * for a known local group.
 */
export async function registerResident(
  page: Page,
  options: { name?: string; newcomer?: boolean; unconfirmed?: boolean } = {},
) {
  const name = options.name ?? `Resident ${uniqueSuffix()}`;
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@e2e.example`;
  const password = "a long enough password";
  await page.goto("/register");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expect(page.getByText("We have sent you an email with a link")).toBeVisible();
  await signIn(page, { email, password });
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
  // Journeys about other things start from a confirmed, established account; the
  // account journeys confirm through the delivered email instead.
  await updateAccount(email, {
    trustLevel: options.newcomer ? 0 : 1,
    confirmed: !options.unconfirmed,
  });
  // Where an unconfirmed account's banner leads; others start from the home page.
  await page.goto(options.unconfirmed ? "/account/confirm-email" : "/");
  return { name, email, password };
}

async function updateAccount(
  email: string,
  account: { trustLevel: number; confirmed: boolean },
): Promise<void> {
  await withE2eDatabase((client) =>
    client.query(
      "update users set trust_level = $1, email_verified_at = case when $2 then now() end where email = $3",
      [account.trustLevel, account.confirmed, email],
    ),
  );
}

/**
 * The newest email to `address` whose subject matches, as delivered: the e2e server
 * writes mail as .eml files, parsed back here. Waits for the worker to send it.
 */
export async function receivedMail(address: string, subject: RegExp): Promise<ParsedMail> {
  const directory = process.env.PARLEY_E2E_MAIL_DIR;
  if (!directory) throw new Error("PARLEY_E2E_MAIL_DIR is not set by the e2e global setup");
  const deadline = Date.now() + 15_000;
  for (;;) {
    const files = existsSync(directory) ? readdirSync(directory).sort().reverse() : [];
    for (const file of files) {
      const mail = await simpleParser(readFileSync(path.join(directory, file)));
      const to = [mail.to].flat().flatMap((t) => t?.value.map((v) => v.address) ?? []);
      if (to.includes(address) && subject.test(mail.subject ?? "")) return mail;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The link in a mail that goes to `path` (relative, so it opens on the test server). */
export function mailLink(mail: ParsedMail, path: string): string {
  const match = new RegExp(
    `https?://[^\\s]+(${path.replace(/[/.]/g, "\\$&")}\\?token=[A-Za-z0-9_-]+)`,
  ).exec(mail.text ?? "");
  if (!match?.[1]) throw new Error(`no ${path} link in the mail: ${mail.text}`);
  return match[1];
}

/**
 * Signs in through the form. Demo staff sign in on a browser the server remembers for
 * their second factor (e2e/second-factors.ts), so no code is asked for.
 */
export async function signIn(page: Page, account: { email: string; password: string }) {
  const remembered = rememberedBrowserCookie(account.email);
  if (remembered) await page.context().addCookies([remembered]);
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs out and waits until the page shows it, so the next step can't race the request. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** Another person at another computer: a separate browser context, same JavaScript setting. */
export async function anotherPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: process.env.PARLEY_E2E_URL,
    javaScriptEnabled: test.info().project.use.javaScriptEnabled !== false,
  });
  return context.newPage();
}

/** Waits for a notification: the outbox worker delivers it just after the change commits. */
export async function expectNotification(page: Page, text: string | RegExp): Promise<void> {
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name: text })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

/** An officer creates an open issue in Riverside through the form; returns its path. */
export async function createIssue(
  officer: Page,
  title: string,
  summary = "Where should the new bus shelter go?",
): Promise<string> {
  await officer.goto("/issues/new");
  await officer.getByLabel("Title").fill(title);
  await officer.getByLabel("Summary").fill(summary);
  await officer.getByLabel("Area").selectOption({ label: "Riverside" });
  await officer.getByLabel("Category").selectOption({ label: "Roads and transport" });
  await officer.getByLabel("Closing date").fill("2099-06-30");
  await officer.getByRole("button", { name: "Create issue" }).click();
  await expect(officer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(officer.url()).pathname;
}
