/** Delete your account: choose what happens to what you wrote, confirm with your password. */
import { logSecurityEvent } from "~/security-log.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, RadioGroup, TextField } from "~/components/form-fields";
import { deleteAccount } from "~/domain/account-deletion.server";
import { FORMER_PARTICIPANT } from "~/domain/account-labels";
import { deleteAccountSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Delete your account — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireViewer(context, request);
  return null;
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const form = parseForm(deleteAccountSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    await deleteAccount(context.services.db, { userId: viewer.id, ...form.data }, new Date());
    logSecurityEvent(context, "account_deleted");
  } catch (error) {
    return domainFailure(error, form.values);
  }
  const cookie = await context.services.auth.endSession(context.sessionId);
  return redirect("/account-deleted", { status: 303, headers: { "Set-Cookie": cookie } });
}

const LABELS = { contributions: "What you wrote", password: "Your password" };

export default function DeleteAccountPage() {
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: "/account", label: "Your account" }]} />
      <h1>Delete your account</h1>
      <p className="lede">
        This cannot be undone. Your email address, name, introduction, password, follows, supports,
        notifications and settings are deleted, and you are signed out everywhere. You may want to{" "}
        <Link to="/account/data">download your data</Link> first.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <RadioGroup
          name="contributions"
          legend={LABELS.contributions}
          error={failure?.fieldErrors.contributions}
          defaultValue={failure?.values.contributions}
          options={[
            {
              value: "keep",
              label: `Keep my posts, shown as written by “${FORMER_PARTICIPANT}”`,
              hint: "The conversation stays readable for everyone else.",
            },
            {
              value: "remove",
              label: "Remove my posts and the titles of threads I started",
              hint: "Replies by other people stay.",
            },
          ]}
        />
        <TextField
          name="password"
          type="password"
          label={LABELS.password}
          hint="To be sure it is you."
          autoComplete="current-password"
          error={failure?.fieldErrors.password}
        />
        <button type="submit" className="button button--warning" disabled={busy}>
          Delete my account
        </button>
      </Form>
      <p className="meta">
        The moderation record of decisions about your posts is kept, naming “{FORMER_PARTICIPANT}”,
        as our <Link to="/privacy">privacy notice</Link> explains.
      </p>
    </>
  );
}
