/** The reset link's page: choose a new password; every session of the account ends. */
import { logSecurityEvent } from "~/security-log.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { usableLinkToken } from "~/account-links.server";
import { resetPassword } from "~/domain/account-lifecycle.server";
import { resetPasswordSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Choose a new password — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { token } = await usableLinkToken(request, context.services.db, "reset_password");
  return { token };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = parseForm(resetPasswordSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    const { userId, email } = await resetPassword(context.services.db, form.data, new Date());
    logSecurityEvent(context, "password_reset", { userId });
    // Following the emailed link proves the address is theirs: that lifts any lock-out
    // strangers caused by guessing at it.
    await context.services.rateLimits.signInPerAccount.reset(email);
  } catch (error) {
    return domainFailure(error, form.values);
  }
  // This browser's session (if any) ended with the others: sign in with the new password.
  const cookie = await context.services.auth.endSession(context.sessionId);
  return redirect("/sign-in?passwordReset", { status: 303, headers: { "Set-Cookie": cookie } });
}

export default function ResetPasswordPage() {
  const { token } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const formToken = failure?.values.token ?? token;
  return (
    <>
      <h1>Choose a new password</h1>
      {formToken ? (
        <Form method="post" noValidate>
          <ErrorSummary
            formError={failure?.formError}
            fieldErrors={failure?.fieldErrors}
            labels={{ password: "New password" }}
          />
          <input type="hidden" name="token" value={formToken} />
          <TextField
            name="password"
            type="password"
            label="New password"
            hint="8 to 64 characters, not a common password. A password manager or a few random words work well."
            autoComplete="new-password"
            error={failure?.fieldErrors.password}
          />
          <button type="submit" className="button" disabled={busy}>
            Save my new password
          </button>
        </Form>
      ) : (
        <p className="notice notice--warning" role="alert">
          This link has expired or has already been used. Reset links work once, for one hour.{" "}
          <Link to="/forgot-password">Ask for a new link</Link>.
        </p>
      )}
    </>
  );
}
