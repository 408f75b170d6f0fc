import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { safeRedirectPath } from "~/auth.server";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { formFailure } from "~/action-result.server";
import { readSignInSettings } from "~/domain/second-factors/sign-in-settings.server";
import { rememberBrowser } from "~/domain/second-factors/remembered-browsers.server";
import { listPasskeys } from "~/domain/second-factors/passkeys.server";
import { PasskeyButton } from "~/components/passkeys";
import { rememberedBrowserCookie } from "~/remembered-browser-cookie.server";
import { passRetryAfter } from "~/retry-after-headers";
import {
  secondFactorFailure,
  secondFactorProofOf,
  takeSecondFactor,
} from "~/second-factor-checks.server";
import { signInCodeSchema } from "~/schemas/second-factors";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Enter your code — Parley" }];
export const headers = passRetryAfter;

/** Only a session that gave the right password and owes its code belongs here. */
function pendingVerification(context: LoaderFunctionArgs["context"], request: Request) {
  const target = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  if (context.viewer) throw redirect(target);
  if (context.pendingSignIn?.stage !== "verify") throw redirect("/sign-in");
  return { pending: context.pendingSignIn, target };
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { pending, target } = pendingVerification(context, request);
  const { db } = context.services;
  const [settings, passkeys] = await Promise.all([
    readSignInSettings(db),
    listPasskeys(db, pending.userId),
  ]);
  return {
    hasPasskey: passkeys.length > 0,
    displayName: pending.displayName,
    redirectTo: target,
    rememberDays: settings.rememberBrowserDays,
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const { pending } = pendingVerification(context, request);
  const formData = await request.formData();
  const form = parseForm(signInCodeSchema, formData);
  if (!form.ok) return formFailure(400, form);
  let method;
  try {
    method = await takeSecondFactor(
      context,
      request,
      pending.userId,
      secondFactorProofOf(formData, "code"),
      { field: "code", purpose: "sign-in" },
    );
  } catch (error) {
    return secondFactorFailure(error, form.values);
  }
  const { auth, db, secret, config } = context.services;
  const headers = new Headers();
  // A new session id for the session that now counts (no fixation across the step up).
  headers.append(
    "Set-Cookie",
    await auth.startSession(
      pending.userId,
      context.sessionId,
      request.headers.get("user-agent"),
      method,
    ),
  );
  const { rememberBrowserDays } = await readSignInSettings(db);
  if (form.data.remember && rememberBrowserDays > 0) {
    const token = await rememberBrowser(db, pending.userId, rememberBrowserDays, new Date());
    headers.append(
      "Set-Cookie",
      await rememberedBrowserCookie(secret, config.production, token, rememberBrowserDays),
    );
  }
  // A spent recovery code is worth a look at what is left (and at setting up a new app).
  const target =
    method === "recovery_code"
      ? "/account/two-factor?notice=recovery-code-used"
      : safeRedirectPath(String(formData.get("redirectTo") ?? ""));
  return redirect(target, { status: 303, headers });
}

const LABELS = { code: "Code" };

export default function SignInCodePage() {
  const { displayName, redirectTo, rememberDays, hasPasskey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Enter your code</h1>
      <p className="lede">
        Your password was right, {displayName}. To finish signing in, open your authenticator app
        and type the 6-digit code it shows for Parley.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="code"
          label={LABELS.code}
          hint="The 6 digits from your authenticator app. Lost your phone? Type one of your recovery codes instead."
          autoComplete="one-time-code"
          spellCheck={false}
          error={failure?.fieldErrors.code}
        />
        {rememberDays > 0 ? (
          <div className="checkbox">
            <input
              type="checkbox"
              id="remember"
              name="remember"
              defaultChecked={failure?.values.remember === "on"}
            />
            <label htmlFor="remember">
              Don&apos;t ask for a code on this browser for {rememberDays} days (not on a shared
              computer)
            </label>
          </div>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          Continue
        </button>
        {hasPasskey ? (
          <PasskeyButton
            purpose="sign-in"
            label="Use your passkey instead"
            withoutJavaScript="Your passkey needs JavaScript, which is off in this browser: type a code from your authenticator app or a recovery code instead."
          />
        ) : null}
      </Form>
      <Form method="post" action="/sign-out">
        <button type="submit" className="button button--secondary">
          Cancel and sign out
        </button>
      </Form>
      <p>
        Lost your phone and your recovery codes? Ask an administrator at the council to reset your
        second factor.
      </p>
    </>
  );
}
