import { logSecurityEvent } from "~/security-log.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { requestEmailChange } from "~/domain/account-lifecycle.server";
import { changeEmailSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";
import { limitedFormFailure, takeAll } from "~/rate-limit-responses.server";
import { passRetryAfter } from "~/retry-after-headers";

export const meta: MetaFunction = () => [{ title: "Change your email address — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireViewer(context, request);
  return null;
}

export const headers = passRetryAfter;

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const form = parseForm(changeEmailSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const { rateLimits } = context.services;
  const limit = await takeAll(
    rateLimits.confirmationMailPerAccount.take(String(viewer.id)),
    rateLimits.confirmationMailPerAddress.take(form.data.newEmail),
  );
  if (!limit.allowed) {
    logSecurityEvent(context, "confirmation_mail_limited");
    return limitedFormFailure(
      form.values,
      "Several confirmation emails have been sent already.",
      limit.retryAfterSeconds,
    );
  }
  try {
    await requestEmailChange(context.services.db, { userId: viewer.id, ...form.data });
    logSecurityEvent(context, "email_change_requested");
  } catch (error) {
    return domainFailure(error, form.values);
  }
  return redirect("/account?notice=email-sent", 303);
}

const LABELS = { newEmail: "New email address", currentPassword: "Current password" };

export default function ChangeEmailPage() {
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: "/account", label: "Your account" }]} />
      <h1>Change your email address</h1>
      <p className="lede">
        We will send a link to the new address. Nothing changes until you follow it.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <TextField
          name="newEmail"
          type="email"
          label={LABELS.newEmail}
          autoComplete="email"
          error={failure?.fieldErrors.newEmail}
          defaultValue={failure?.values.newEmail}
        />
        <TextField
          name="currentPassword"
          type="password"
          label={LABELS.currentPassword}
          autoComplete="current-password"
          error={failure?.fieldErrors.currentPassword}
        />
        <button type="submit" className="button" disabled={busy}>
          Send a confirmation link
        </button>
      </Form>
    </>
  );
}
