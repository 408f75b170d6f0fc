import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { ROLE_LABELS } from "~/domain/account-labels";
import { listPasskeys } from "~/domain/second-factors/passkeys.server";
import {
  readSignInSettings,
  updateSignInSettings,
} from "~/domain/second-factors/sign-in-settings.server";
import { passRetryAfter } from "~/retry-after-headers";
import { checkFreshSecondFactor } from "~/second-factor-checks.server";
import { logSecurityEvent } from "~/security-log.server";
import { signInSettingsSchema } from "~/schemas/account-administration";
import {
  CONFIRMATION_CODE_LABEL,
  ConfirmationCodeField,
} from "~/components/confirmation-code-field";
import { formValues } from "~/schemas/parse-form";
import { ROLES } from "../../../db/schema";

export const meta: MetaFunction = () => [{ title: "Sign-in settings — Parley" }];
export const headers = passRetryAfter;

const requireAdmin = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "manage:users:any",
    "Only administrators can change how people sign in.",
  );

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireAdmin(context, request);
  const { db } = context.services;
  return {
    hasPasskey: (await listPasskeys(db, viewer.id)).length > 0,
    settings: await readSignInSettings(db),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireAdmin(context, request);
  const formData = await request.formData();
  const roles = formData.getAll("secondFactorRoles").map(String);
  // Checkboxes come as several values of one name: the schema reads them as a list.
  const result = signInSettingsSchema.safeParse({
    secondFactorRoles: roles,
    rememberBrowserDays: formData.get("rememberBrowserDays"),
    passkeyFirstFactor: formData.get("passkeyFirstFactor") === "on",
    trustProviderMfa: formData.get("trustProviderMfa") === "on",
    singleSignOnForEveryone: formData.get("singleSignOnForEveryone") === "on",
    confirmationCode: formData.get("confirmationCode") ?? "",
  });
  const values = { ...formValues(formData), secondFactorRoles: roles.join(",") };
  if (!result.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of result.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return formFailure(400, { fieldErrors, values });
  }
  const refused = await checkFreshSecondFactor(context, request, viewer.id, formData, values);
  if (refused) return refused;
  try {
    await updateSignInSettings(
      context.services.db,
      viewer,
      {
        secondFactorRoles: result.data.secondFactorRoles,
        rememberBrowserDays: result.data.rememberBrowserDays,
        passkeyFirstFactor: result.data.passkeyFirstFactor,
        trustProviderMfa: result.data.trustProviderMfa,
        singleSignOnForEveryone: result.data.singleSignOnForEveryone,
      },
      new Date(),
    );
  } catch (error) {
    return domainFailure(error, values);
  }
  logSecurityEvent(context, "sign_in_settings_changed");
  return redirect("/admin/sign-in?saved", 303);
}

const LABELS = {
  secondFactorRoles: "Roles that must use two-step sign-in",
  rememberBrowserDays: "Days a browser may skip the code",
  confirmationCode: CONFIRMATION_CODE_LABEL,
};

const OPTIONS = [
  [
    "passkeyFirstFactor",
    "A passkey alone may sign anyone in (no password): a passkey is already two factors, the device and its unlock",
  ],
  [
    "trustProviderMfa",
    "Count the identity provider's own multi-factor sign-in as the second factor, when its ID token shows it",
  ],
  [
    "singleSignOnForEveryone",
    "Offer single sign-on to everyone, not only staff (for a provider residents have accounts with)",
  ],
] as const;

export default function SignInSettingsPage() {
  const { settings, saved, hasPasskey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const ticked = failure
    ? (failure.values.secondFactorRoles ?? "").split(",")
    : settings.secondFactorRoles;
  const rolesError = failure?.fieldErrors.secondFactorRoles;
  return (
    <>
      <h1>Sign-in settings</h1>
      {saved ? (
        <p className="notice" role="status">
          The sign-in settings are saved, and the change is in the audit log.
        </p>
      ) : null}
      <p className="lede">
        Who must use two-step sign-in (a password and a code from an authenticator app), and how
        often. See who has not set it up yet on the{" "}
        <Link to="/admin/users?list=not-enrolled">accounts page</Link>.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <fieldset
          className={rolesError ? "field field--error" : "field"}
          id="secondFactorRoles"
          aria-describedby={rolesError ? "secondFactorRoles-error" : "secondFactorRoles-hint"}
        >
          <legend className="field__label">{LABELS.secondFactorRoles}</legend>
          <p className="field__hint" id="secondFactorRoles-hint">
            An account in a ticked role that has no authenticator app is asked to set one up when it
            signs in, and reaches nothing else until it has. Administrators always need it.
          </p>
          {rolesError ? (
            <p className="field__error" id="secondFactorRoles-error">
              <span className="visually-hidden">Error:</span> {rolesError}
            </p>
          ) : null}
          {ROLES.map((role) => (
            <div className="checkbox" key={role}>
              <input
                type="checkbox"
                id={`role-${role}`}
                name="secondFactorRoles"
                value={role}
                defaultChecked={ticked.includes(role)}
              />
              <label htmlFor={`role-${role}`}>{ROLE_LABELS[role]}</label>
            </div>
          ))}
        </fieldset>
        <TextField
          name="rememberBrowserDays"
          label={LABELS.rememberBrowserDays}
          hint="After a code, a person may ask their browser to be remembered for this many days (0 asks for a code at every sign-in). Sensitive changes always ask for a fresh code."
          defaultValue={failure?.values.rememberBrowserDays ?? String(settings.rememberBrowserDays)}
          inputMode="numeric"
          error={failure?.fieldErrors.rememberBrowserDays}
        />
        <fieldset className="field">
          <legend className="field__label">Other ways to sign in</legend>
          {OPTIONS.map(([name, label]) => (
            <div className="checkbox" key={name}>
              <input
                type="checkbox"
                id={name}
                name={name}
                defaultChecked={failure ? failure.values[name] === "on" : settings[name]}
              />
              <label htmlFor={name}>{label}</label>
            </div>
          ))}
        </fieldset>
        <ConfirmationCodeField
          form="settings"
          passkey={hasPasskey}
          error={failure?.fieldErrors.confirmationCode}
        />
        <button type="submit" className="button" disabled={busy}>
          Save sign-in settings
        </button>
      </Form>
    </>
  );
}
