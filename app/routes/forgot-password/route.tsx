/**
 * "Forgotten your password?": mails a one-hour reset link. The page says the same
 * thing whether or not the address has an account, so it reveals none.
 */
import { logSecurityEvent } from "~/security-log.server";
import { passRetryAfter } from "~/retry-after-headers";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formFailure } from "~/action-result.server";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { requestPasswordReset } from "~/domain/account-lifecycle.server";
import { limitedFormFailure, takeAll } from "~/rate-limit-responses.server";
import { forgotPasswordSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Forgotten your password? — Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.has("sent") };
}

export const headers = passRetryAfter;

export async function action({ context, request }: ActionFunctionArgs) {
  const form = parseForm(forgotPasswordSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const { rateLimits } = context.services;
  const limit = await takeAll(
    rateLimits.passwordResetPerIp.take(context.clientIp),
    rateLimits.passwordResetPerAccount.take(form.data.email),
  );
  if (!limit.allowed) {
    return limitedFormFailure(
      form.values,
      "Several reset emails have been asked for already.",
      limit.retryAfterSeconds,
    );
  }
  await requestPasswordReset(context.services.db, form.data.email);
  logSecurityEvent(context, "password_reset_requested");
  return redirect("/forgot-password?sent", 303);
}

export default function ForgotPasswordPage() {
  const { sent } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (sent) {
    return (
      <>
        <h1>Check your email</h1>
        <p className="notice" role="status">
          If that address has a Parley account, we have sent it a link to choose a new password. The
          link works once, for one hour.
        </p>
        <p>
          Nothing arrived after a few minutes? Check your spam folder, or{" "}
          <Link to="/forgot-password">try again</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Forgotten your password?</h1>
      <p className="lede">Enter the email address of your account and we will send you a link.</p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={{ email: "Email address" }}
        />
        <TextField
          name="email"
          type="email"
          label="Email address"
          autoComplete="email"
          error={failure?.fieldErrors.email}
          defaultValue={failure?.values.email}
        />
        <button type="submit" className="button" disabled={busy}>
          Send me a link
        </button>
      </Form>
    </>
  );
}
