/**
 * Where a sign-in goes once the first factor was right (a password, or the council's
 * identity provider): straight in; to the code page (an
 * account with an authenticator, unless this browser is remembered for it); or, for a
 * role that must have a second factor and has none, to setting one up.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { SecondFactorMethod } from "../db/schema";
import { isBrowserRemembered } from "./domain/second-factors/remembered-browsers.server";
import { stageAfterPassword } from "./domain/second-factors/sign-in-settings.server";
import { readRememberedBrowserToken } from "./remembered-browser-cookie.server";

export const CODE_PAGE = "/sign-in/code";
export const SET_UP_PAGE = "/account/authenticator";

export async function nextStepAfterFirstFactor(
  context: AppLoadContext,
  request: Request,
  userId: number,
): Promise<{ page: string | null; secondFactor: SecondFactorMethod | null }> {
  const { db, secret, config } = context.services;
  const stage = await stageAfterPassword(db, userId);
  if (stage === "done") return { page: null, secondFactor: null };
  if (stage === "enrol") return { page: SET_UP_PAGE, secondFactor: null };
  const token = await readRememberedBrowserToken(
    secret,
    config.production,
    request.headers.get("cookie"),
  );
  if (await isBrowserRemembered(db, userId, token, new Date())) {
    return { page: null, secondFactor: "remembered_browser" };
  }
  return { page: CODE_PAGE, secondFactor: null };
}

/** The address to send the browser to: the next step (bringing `target` along), or `target`. */
export function addressOfNextStep(next: { page: string | null }, target: string): string {
  return next.page ? `${next.page}?redirectTo=${encodeURIComponent(target)}` : target;
}
