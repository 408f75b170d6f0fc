/**
 * Before the journeys: each demo staff account sets up an authenticator app through the
 * real set-up page, then signs in again with a code and "remember this browser", and the
 * browser's cookie is kept for the journeys (see second-factors.ts).
 */
import { expect, test } from "@playwright/test";
import { DEMO } from "./fixtures";
import { freshCode, readSetUpPage } from "../scripts/lib/staff-sign-in";
import { writeStaffFactors, type StaffFactors } from "./second-factors";

const STAFF = [DEMO.moderator, DEMO.moderator2, DEMO.officer, DEMO.admin];

test("demo staff set up two-step sign-in and remember one browser each", async ({ playwright }) => {
  const origin = process.env.PARLEY_E2E_URL ?? "";
  const state: Record<string, StaffFactors> = {};
  for (const account of STAFF) {
    const request = await playwright.request.newContext({ baseURL: origin });
    const form = { email: account.email, password: account.password };
    const headers = { Origin: origin };
    const signedIn = await request.post("/sign-in", { form, headers, maxRedirects: 0 });
    expect(signedIn.headers().location).toMatch(/^\/account\/authenticator/);
    const { keyText, token } = readSetUpPage(
      await (await request.get("/account/authenticator")).text(),
    );
    const enrol = await freshCode(keyText, null);
    const confirmed = await request.post("/account/authenticator", {
      form: { token, code: enrol.code, redirectTo: "/" },
      headers,
    });
    expect(await confirmed.text()).toContain("Your authenticator app is set up");
    await request.post("/sign-out", { headers, maxRedirects: 0 });

    const again = await request.post("/sign-in", { form, headers, maxRedirects: 0 });
    expect(again.headers().location).toMatch(/^\/sign-in\/code/);
    const next = await freshCode(keyText, enrol.step);
    const verified = await request.post("/sign-in/code", {
      form: { code: next.code, remember: "on", redirectTo: "/" },
      headers,
      maxRedirects: 0,
    });
    expect(verified.status()).toBe(303);
    const remember = (await request.storageState()).cookies.find((c) =>
      c.name.endsWith("parley_remember"),
    );
    if (!remember) throw new Error(`no remembered-browser cookie for ${account.email}`);
    state[account.email] = {
      keyText,
      lastStep: next.step,
      remember: { name: remember.name, value: remember.value },
    };
    await request.dispose();
  }
  writeStaffFactors(state);
});
