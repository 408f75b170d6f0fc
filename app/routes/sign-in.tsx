import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { formFailure } from "~/action-result.server";
import { safeRedirectPath } from "~/auth.server";
import { verifyCredentials } from "~/domain/users.server";
import { signInSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Sign in — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.viewer) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ context, request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const form = parseForm(signInSchema, formData);
  if (!form.ok) return formFailure(400, form);
  const userId = await verifyCredentials(context.services.db, form.data.email, form.data.password);
  if (userId === null) {
    // One message whether or not the account exists: no user enumeration.
    return formFailure(400, {
      formError: "The email address or password is not right. Check them and try again.",
      values: form.values,
    });
  }
  const cookie = await context.services.auth.startSession(userId, context.sessionId);
  const target = safeRedirectPath(String(formData.get("redirectTo") ?? ""));
  return redirect(target, { status: 303, headers: { "Set-Cookie": cookie } });
}

const LABELS = { email: "Email address", password: "Password" };

export default function SignInPage() {
  const failure = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const redirectTo = failure?.values.redirectTo ?? searchParams.get("redirectTo") ?? "/";
  return (
    <>
      <h1>Sign in</h1>
      <p className="lede">
        New to Parley? <Link to="/register">Register</Link>.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          label={LABELS.email}
          autoComplete="email"
          error={failure?.fieldErrors.email}
          defaultValue={failure?.values.email}
        />
        <TextField
          name="password"
          type="password"
          label={LABELS.password}
          autoComplete="current-password"
          error={failure?.fieldErrors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          Sign in
        </button>
      </Form>
    </>
  );
}
