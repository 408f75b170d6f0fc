import { logSecurityEvent } from "~/security-log.server";
import { passRetryAfter } from "~/retry-after-headers";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { domainFailure, formFailure } from "~/action-result.server";
import { limitedFormFailure } from "~/rate-limit-responses.server";
import { registerResident } from "~/domain/users.server";
import { registerSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Register — Parley" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.viewer) throw redirect("/");
  return null;
}

export const headers = passRetryAfter;

export async function action({ context, request }: ActionFunctionArgs) {
  const form = parseForm(registerSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const limit = await context.services.rateLimits.registerPerIp.take(context.clientIp);
  if (!limit.allowed) {
    logSecurityEvent(context, "registration_limited");
    return limitedFormFailure(
      form.values,
      "Many accounts have been registered from your connection in the last hour.",
      limit.retryAfterSeconds,
    );
  }
  try {
    const registered = await registerResident(context.services.db, form.data);
    logSecurityEvent(
      context,
      registered.created ? "registered" : "registration_for_taken_address",
      registered.created ? { userId: registered.userId } : {},
    );
  } catch (error) {
    return domainFailure(error, form.values);
  }
  // The same answer for a new address and a taken one: check your email, then sign in.
  return redirect("/account/confirm-email?sent", 303);
}

const LABELS = { email: "Email address", displayName: "Your name", password: "Password" };

export default function RegisterPage() {
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Register</h1>
      <p className="lede">
        An account lets you start threads, reply and support ideas. Already registered?{" "}
        <Link to="/sign-in">Sign in</Link>.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <TextField
          name="email"
          type="email"
          label={LABELS.email}
          autoComplete="email"
          error={failure?.fieldErrors.email}
          defaultValue={failure?.values.email}
        />
        <TextField
          name="displayName"
          label={LABELS.displayName}
          hint="Shown next to everything you write. You can use a nickname."
          autoComplete="nickname"
          error={failure?.fieldErrors.displayName}
          defaultValue={failure?.values.displayName}
        />
        <TextField
          name="password"
          type="password"
          label={LABELS.password}
          hint="8 to 64 characters, not a common password. A password manager or a few random words work well."
          autoComplete="new-password"
          error={failure?.fieldErrors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          Register
        </button>
      </Form>
    </>
  );
}
