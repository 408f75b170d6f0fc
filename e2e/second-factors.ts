/**
 * Second factors in e2e. Staff roles must use two-step sign-in, so before any journey
 * the setup project (staff-sign-in.setup.ts) sets up an authenticator app for each demo
 * staff account through the real pages, and asks the server to remember one browser for
 * each. Journeys then sign staff in with the password and that remembered-browser cookie,
 * as a member of staff at their usual desk would; the two-step journeys use their own
 * accounts and type real codes.
 */
import { expect, type APIRequestContext } from "@playwright/test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
export { freshCode, readSetUpPage } from "../scripts/lib/staff-sign-in";

const STATE_FILE = path.resolve("test-results", "e2e-staff-factors.json");

export interface StaffFactors {
  keyText: string;
  lastStep: number;
  remember: { name: string; value: string };
}

export function readStaffFactors(): Record<string, StaffFactors> {
  if (!existsSync(STATE_FILE)) return {};
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as Record<string, StaffFactors>;
}

export function writeStaffFactors(state: Record<string, StaffFactors>): void {
  mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

/** The remembered-browser cookie of a demo staff account, as Playwright adds cookies. */
export function rememberedBrowserCookie(email: string) {
  const factors = readStaffFactors()[email];
  if (!factors) return null;
  const url = process.env.PARLEY_E2E_URL;
  if (!url) throw new Error("PARLEY_E2E_URL is not set by the e2e global setup");
  return { ...factors.remember, url };
}

/** Signs a request context in as demo staff: password plus the remembered browser. */
export async function signInStaffRequest(
  request: APIRequestContext,
  account: { email: string; password: string },
): Promise<void> {
  const response = await request.post("/sign-in", {
    form: account,
    headers: { Origin: process.env.PARLEY_E2E_URL ?? "" },
    maxRedirects: 0,
  });
  expect(response.status(), `${account.email} signs in`).toBe(303);
  expect(response.headers().location, "straight in, on a remembered browser").not.toMatch(
    /^\/(sign-in\/code|account\/authenticator)/,
  );
}

/** Playwright storage state holding a demo staff account's remembered-browser cookie. */
export function staffStorageState(email: string) {
  const cookie = rememberedBrowserCookie(email);
  if (!cookie) throw new Error(`no remembered browser for ${email}: did staff setup run?`);
  const url = new URL(cookie.url);
  return {
    cookies: [
      {
        name: cookie.name,
        value: cookie.value,
        domain: url.hostname,
        path: "/",
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: "Lax" as const,
      },
    ],
    origins: [],
  };
}
