import { logSecurityEvent } from "~/security-log.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { changePassword } from "~/domain/account-lifecycle.server";
import { changePasswordSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Change your password — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireViewer(context, request);
  return null;
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const form = parseForm(changePasswordSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    await changePassword(context.services.db, {
      userId: viewer.id,
      ...form.data,
      sessionId: context.sessionId,
    });
    logSecurityEvent(context, "password_changed");
  } catch (error) {
    return domainFailure(error, form.values);
  }
  return redirect("/account?notice=password", 303);
}

const LABELS = { currentPassword: "Current password", newPassword: "New password" };

export default function ChangePasswordPage() {
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: "/account", label: "Your account" }]} />
      <h1>Change your password</h1>
      <p className="lede">Changing your password signs you out everywhere else.</p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <TextField
          name="currentPassword"
          type="password"
          label={LABELS.currentPassword}
          autoComplete="current-password"
          error={failure?.fieldErrors.currentPassword}
        />
        <TextField
          name="newPassword"
          type="password"
          label={LABELS.newPassword}
          hint="8 to 64 characters, not a common password."
          autoComplete="new-password"
          error={failure?.fieldErrors.newPassword}
        />
        <button type="submit" className="button" disabled={busy}>
          Change password
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgotten your current password?</Link>
      </p>
    </>
  );
}
