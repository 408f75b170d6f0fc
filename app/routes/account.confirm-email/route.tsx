/**
 * Confirming an email address. The emailed link opens this page; the button on it does
 * the confirming (a GET never changes anything, and mail scanners that open links
 * cannot confirm for you). Signed-in people without a link can ask for a new one.
 */
import { logSecurityEvent } from "~/security-log.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { ErrorSummary } from "~/components/form-fields";
import { usableLinkToken } from "~/account-links.server";
import { requestEmailVerification, verifyEmail } from "~/domain/account-lifecycle.server";
import { accountTokenField } from "~/schemas/accounts";
import { limitedFormFailure } from "~/rate-limit-responses.server";
import { passRetryAfter } from "~/retry-after-headers";

export const meta: MetaFunction = () => [{ title: "Confirm your email address — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const link = await usableLinkToken(request, context.services.db, "verify_email");
  return {
    token: link.token,
    linkFailed: link.given && link.token === null,
    sent: new URL(request.url).searchParams.has("sent"),
    signedIn: context.viewer !== null,
    mustConfirm: context.viewer?.mustVerifyEmail ?? false,
  };
}

export const headers = passRetryAfter;

export async function action({ context, request }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "resend") {
    if (!context.viewer) throw redirect("/sign-in?redirectTo=/account/confirm-email", 303);
    const limit = await context.services.rateLimits.confirmationMailPerAccount.take(
      String(context.viewer.id),
    );
    if (!limit.allowed) {
      logSecurityEvent(context, "confirmation_mail_limited");
      return limitedFormFailure(
        {},
        "Several confirmation emails have been sent already.",
        limit.retryAfterSeconds,
      );
    }
    await requestEmailVerification(context.services.db, context.viewer.id);
    return redirect("/account/confirm-email?sent", 303);
  }
  const token = accountTokenField.safeParse(formData.get("token"));
  if (!token.success) {
    return formFailure(400, { formError: token.error.issues[0]?.message ?? null, values: {} });
  }
  try {
    const userId = await verifyEmail(context.services.db, token.data, new Date());
    logSecurityEvent(context, "email_confirmed", { userId });
  } catch (error) {
    return domainFailure(error, {});
  }
  return redirect(context.viewer ? "/account?notice=confirmed" : "/sign-in?confirmed", 303);
}

export default function ConfirmEmailPage() {
  const { token, linkFailed, sent, signedIn, mustConfirm } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <h1>Confirm your email address</h1>
      <ErrorSummary formError={failure?.formError} fieldErrors={{}} labels={{}} />
      {sent ? (
        <p className="notice" role="status">
          We have sent you an email with a link. Open it to confirm your address; it works for 24
          hours. If the address already has an account, the email says how to sign in instead. It
          may take a minute to arrive; check your spam folder if you cannot see it.
        </p>
      ) : null}
      {linkFailed ? (
        <p className="notice notice--warning" role="alert">
          This link has expired or has already been used.
          {signedIn ? " Ask for a new one below." : " Sign in to ask for a new one."}
        </p>
      ) : null}
      {token ? (
        <Form method="post">
          <p>Confirm that this email address is yours, so you can take part.</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button">
            Confirm my email address
          </button>
        </Form>
      ) : signedIn ? (
        mustConfirm || linkFailed ? (
          <Form method="post">
            <p>Did not get the email, or was it too long ago? We can send a new link.</p>
            <input type="hidden" name="intent" value="resend" />
            <button type="submit" className="button button--secondary">
              Send me a new link
            </button>
          </Form>
        ) : (
          <p>
            Your email address is confirmed. <Link to="/account">Go to your account</Link>.
          </p>
        )
      ) : (
        <p>
          <Link to="/sign-in?redirectTo=/account/confirm-email">Sign in</Link> to ask for a new
          link.
        </p>
      )}
    </>
  );
}
