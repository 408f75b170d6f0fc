import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireViewer } from "~/auth.server";
import { ErrorSummary } from "~/components/form-fields";
import { formatDate } from "~/components/format";
import { RecoveryCodeList } from "~/components/recovery-codes";
import { formFailure } from "~/action-result.server";
import {
  describeSecondFactors,
  regenerateRecoveryCodes,
  removeAuthenticator,
} from "~/domain/second-factors/authenticator.server";
import {
  countRememberedBrowsers,
  forgetRememberedBrowsers,
} from "~/domain/second-factors/remembered-browsers.server";
import { readSignInSettings } from "~/domain/second-factors/sign-in-settings.server";
import { passRetryAfter } from "~/retry-after-headers";
import { secondFactorFailure, takeSecondFactor } from "~/second-factor-checks.server";
import { logSecurityEvent } from "~/security-log.server";
import { confirmationCodeSchema } from "~/schemas/second-factors";
import {
  CONFIRMATION_CODE_LABEL,
  ConfirmationCodeField,
} from "~/components/confirmation-code-field";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Two-step sign-in — Parley" }];
export const headers = passRetryAfter;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const { db } = context.services;
  const [factors, settings, rememberedBrowsers] = await Promise.all([
    describeSecondFactors(db, viewer.id),
    readSignInSettings(db),
    countRememberedBrowsers(db, viewer.id, new Date()),
  ]);
  return {
    factors,
    rememberedBrowsers,
    required: settings.secondFactorRoles.includes(viewer.role),
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const { db, secret } = context.services;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "forget-browsers") {
    await forgetRememberedBrowsers(db, viewer.id);
    return redirect("/account/two-factor?notice=browsers-forgotten", 303);
  }
  if (intent !== "regenerate" && intent !== "remove") {
    throw new Response("That is not something this page can do.", { status: 400 });
  }
  const form = parseForm(confirmationCodeSchema, formData);
  if (!form.ok) return formFailure(400, { ...form, values: { ...form.values, intent } });
  try {
    await takeSecondFactor(context, viewer.id, form.data.confirmationCode, "confirmationCode");
  } catch (error) {
    return secondFactorFailure(error, { ...form.values, intent });
  }
  if (intent === "remove") {
    await removeAuthenticator(db, viewer.id);
    logSecurityEvent(context, "authenticator_removed");
    return redirect("/account/two-factor?notice=removed", 303);
  }
  const recoveryCodes = await regenerateRecoveryCodes(db, secret, viewer.id);
  logSecurityEvent(context, "recovery_codes_regenerated");
  return { recoveryCodes, values: null };
}

const NOTICES: Record<string, string> = {
  removed: "Your authenticator app and recovery codes are removed.",
  "browsers-forgotten": "Every browser you asked us to remember will ask for a code again.",
};

export default function TwoFactorPage() {
  const { factors, required, notice, rememberedBrowsers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result && !result.values) {
    return (
      <>
        <h1>Your new recovery codes</h1>
        <p className="lede">
          Your old recovery codes no longer work. Keep these somewhere safe: each works once, and
          this is the only time they are shown.
        </p>
        <RecoveryCodeList codes={result.recoveryCodes} />
        <p>
          <Link to="/account/two-factor">I have saved them: back to two-step sign-in</Link>
        </p>
      </>
    );
  }
  const failure = result?.values ? result : undefined;
  const message =
    notice === "recovery-code-used"
      ? `You signed in with a recovery code, which now cannot be used again. You have ${factors.recoveryCodesLeft} left: make new ones below, or set up your app again if you lost it.`
      : notice
        ? NOTICES[notice]
        : undefined;
  return (
    <>
      <h1>Two-step sign-in</h1>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <p className="lede">
        With two-step sign-in, your password alone is not enough to sign in: you also type a code
        from an app on your phone.
        {required ? " Your role needs it." : " Anyone may turn it on."}
      </p>
      {factors.authenticatorAddedAt ? (
        <>
          <h2>Authenticator app</h2>
          <p>Set up on {formatDate(factors.authenticatorAddedAt)}.</p>
          <h2>Recovery codes</h2>
          <p>
            You have {factors.recoveryCodesLeft} unused recovery code
            {factors.recoveryCodesLeft === 1 ? "" : "s"}.
          </p>
          <ConfirmedChange
            intent="regenerate"
            button="Make new recovery codes"
            busy={busy}
            failure={failure?.values.intent === "regenerate" ? failure : undefined}
          />
          <h2>Remembered browsers</h2>
          <p>
            {rememberedBrowsers === 0
              ? "No browser skips the code."
              : `${rememberedBrowsers} browser${rememberedBrowsers === 1 ? "" : "s"} may sign in without a code for now.`}
          </p>
          {rememberedBrowsers > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="forget-browsers" />
              <button type="submit" className="button button--secondary">
                Ask for a code on every browser again
              </button>
            </Form>
          ) : null}
          <h2>Remove your authenticator app</h2>
          <p>
            {required
              ? "Your role needs two-step sign-in: after removing it, you will set up another app the next time you sign in."
              : "Signing in will then need only your password."}
          </p>
          <ConfirmedChange
            intent="remove"
            button="Remove authenticator app"
            busy={busy}
            failure={failure?.values.intent === "remove" ? failure : undefined}
          />
        </>
      ) : (
        <p>
          <Link className="button" to="/account/authenticator">
            Set up an authenticator app
          </Link>
        </p>
      )}
      <p>
        <Link to="/account">Back to your account</Link>
      </p>
    </>
  );
}

/** A change that needs a fresh code first: its own form with its own code field. */
function ConfirmedChange({
  intent,
  button,
  busy,
  failure,
}: {
  intent: string;
  button: string;
  busy: boolean;
  failure?: { formError: string | null; fieldErrors: Record<string, string> };
}) {
  return (
    <Form method="post" noValidate>
      <ErrorSummary
        formError={failure?.formError}
        fieldErrors={failure?.fieldErrors}
        labels={{ confirmationCode: CONFIRMATION_CODE_LABEL }}
      />
      <input type="hidden" name="intent" value={intent} />
      <ConfirmationCodeField form={intent} error={failure?.fieldErrors.confirmationCode} />
      <button type="submit" className="button" disabled={busy}>
        {button}
      </button>
    </Form>
  );
}
