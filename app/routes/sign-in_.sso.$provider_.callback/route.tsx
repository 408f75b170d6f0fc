/**
 * GET /sign-in/sso/<provider>/callback: where the identity provider sends the browser
 * back. A success starts the session (asking for Parley's own second factor unless the
 * provider's MFA counts) and goes on; a refusal is a page that says why, in words.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { readSignInSettings } from "~/domain/second-factors/sign-in-settings.server";
import {
  finishSingleSignOn,
  ProviderUnavailableError,
  SingleSignOnRefusedError,
  type SingleSignOnRefusal,
} from "~/domain/single-sign-on/single-sign-on.server";
import { logSecurityEvent } from "~/security-log.server";
import { addressOfNextStep, nextStepAfterFirstFactor } from "~/sign-in-steps.server";
import { findProvider, receivedCallbackUrl } from "~/single-sign-on-http.server";

export const meta: MetaFunction = () => [{ title: "Signing in did not work — Parley" }];

const REFUSALS: Record<SingleSignOnRefusal, (provider: string) => string> = {
  unknown_state: () =>
    "This sign-in could not be matched to one started in this browser, or it took longer than ten minutes. Nothing was changed. Start again from the sign-in page.",
  provider_refused: (provider) =>
    `${provider} did not sign you in, so Parley has not either. If you cancelled, that is all. Otherwise start again, or ask your IT service desk.`,
  failed_checks: (provider) =>
    `The answer from ${provider} did not pass Parley's checks, so you are not signed in. Start again from the sign-in page; if it keeps happening, tell your IT service desk.`,
  email_unverified: (provider) =>
    `${provider} did not confirm your email address, and Parley needs a confirmed address to know who you are. Ask your IT service desk.`,
  domain_not_allowed: (provider) =>
    `That account's email address is not one ${provider} signs staff in with on Parley. Sign in with your work account, or, as a resident, with your email address and password.`,
  not_staff: (provider) =>
    `Signing in through ${provider} is for council staff, and your account there does not give you a staff role on Parley. Residents sign in with their email address and password; staff should ask their IT service desk to add them to the right group.`,
  account_unconfirmed: () =>
    "A Parley account with this email address exists, but its address was never confirmed, so it cannot be linked to your work sign-in. Confirm it from the email Parley sent, or ask an administrator.",
  linked_elsewhere: (provider) =>
    `The Parley account with this address is already linked to a different ${provider} account. Ask an administrator.`,
  account_closed: () => "The Parley account linked to this sign-in has been closed.",
};

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const provider = findProvider(context, params.provider);
  const { db, auth, log } = context.services;
  const settings = await readSignInSettings(db);
  let success;
  try {
    success = await finishSingleSignOn(
      db,
      provider,
      receivedCallbackUrl(context, request, provider),
      settings,
      new Date(),
    );
  } catch (error) {
    if (error instanceof SingleSignOnRefusedError) {
      logSecurityEvent(context, "single_sign_on_refused", {
        method: `${provider.id}:${error.reason}`,
      });
      if (error.detail instanceof Error) {
        log.warn({ err: error.detail, provider: provider.id }, "single sign-on check failed");
      }
      return json(
        { providerName: provider.name, message: REFUSALS[error.reason](provider.name) },
        { status: error.reason === "unknown_state" ? 400 : 403 },
      );
    }
    if (error instanceof ProviderUnavailableError) {
      throw new Response(
        `${provider.name} cannot be reached just now. Nothing was changed: try again in a few minutes.`,
        { status: 503, headers: { "Retry-After": "60" } },
      );
    }
    throw error;
  }
  logSecurityEvent(context, "single_sign_on", {
    userId: success.userId,
    method: `${provider.id}:${success.outcome}`,
  });
  // The provider's MFA stands in for Parley's second factor only when the admin trusts it
  // and the ID token shows it; otherwise the usual second step follows.
  const next = success.providerMfa
    ? { page: null, secondFactor: "provider" as const }
    : await nextStepAfterFirstFactor(context, request, success.userId);
  const cookie = await auth.startSession(
    success.userId,
    context.sessionId,
    request.headers.get("user-agent"),
    next.secondFactor,
    { provider: provider.id, sid: success.sid },
  );
  const target = success.redirectTo;
  return redirect(addressOfNextStep(next, target), {
    status: 303,
    headers: { "Set-Cookie": cookie, "Cache-Control": "no-store" },
  });
}

export default function SingleSignOnRefusedPage() {
  const { providerName, message } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Signing in through {providerName} did not work</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </>
  );
}
