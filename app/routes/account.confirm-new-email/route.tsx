/** The link sent to a new email address: one button moves the account to it. */
import { logSecurityEvent } from "~/security-log.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { ErrorSummary } from "~/components/form-fields";
import { usableLinkToken } from "~/account-links.server";
import { confirmEmailChange } from "~/domain/account-lifecycle.server";
import { accountTokenField } from "~/schemas/accounts";

export const meta: MetaFunction = () => [{ title: "Confirm your new email address — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { token } = await usableLinkToken(request, context.services.db, "change_email");
  return { token };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const token = accountTokenField.safeParse((await request.formData()).get("token"));
  if (!token.success) {
    return formFailure(400, { formError: token.error.issues[0]?.message ?? null, values: {} });
  }
  try {
    const userId = await confirmEmailChange(
      context.services.db,
      { token: token.data, sessionId: context.sessionId },
      new Date(),
    );
    logSecurityEvent(context, "email_changed", { userId });
  } catch (error) {
    return domainFailure(error, {});
  }
  return redirect(context.viewer ? "/account?notice=email-changed" : "/sign-in?emailChanged", 303);
}

export default function ConfirmNewEmailPage() {
  const { token } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <h1>Confirm your new email address</h1>
      <ErrorSummary formError={failure?.formError} fieldErrors={{}} labels={{}} />
      {token ? (
        <Form method="post">
          <p>
            Use this address for your Parley account from now on. Changing it signs you out
            everywhere else.
          </p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button">
            Use this email address
          </button>
        </Form>
      ) : (
        <p className="notice notice--warning" role="alert">
          This link has expired or has already been used. You can ask for a new one on{" "}
          <Link to="/account/email">the change email page</Link>.
        </p>
      )}
    </>
  );
}
