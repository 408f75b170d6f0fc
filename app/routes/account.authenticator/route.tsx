import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireViewer, safeRedirectPath } from "~/auth.server";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { RecoveryCodeList } from "~/components/recovery-codes";
import { domainFailure, formFailure, withExtra } from "~/action-result.server";
import {
  confirmAuthenticator,
  showAuthenticatorEnrolment,
} from "~/domain/second-factors/authenticator.server";
import { logSecurityEvent } from "~/security-log.server";
import { authenticatorSetUpSchema } from "~/schemas/second-factors";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Set up an authenticator app — Parley" }];

/**
 * Whose authenticator this is: the signed-in person's, or that of a staff sign-in that
 * must set one up before it can go anywhere else.
 */
function settingUp(context: LoaderFunctionArgs["context"], request: Request) {
  const pending = context.pendingSignIn;
  if (pending?.stage === "enrol") return { userId: pending.userId, mustSetUp: true };
  if (pending?.stage === "verify") {
    const back = new URL(request.url).searchParams.get("redirectTo") ?? "/";
    throw redirect(`/sign-in/code?redirectTo=${encodeURIComponent(back)}`);
  }
  return { userId: requireViewer(context, request).id, mustSetUp: false };
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { userId, mustSetUp } = settingUp(context, request);
  const enrolment = await showAuthenticatorEnrolment(
    context.services.db,
    context.services.secret,
    userId,
    null,
    new Date(),
  );
  const redirectTo = safeRedirectPath(
    new URL(request.url).searchParams.get("redirectTo"),
    mustSetUp ? "/" : "/account/two-factor",
  );
  return { enrolment, mustSetUp, redirectTo };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const { userId } = settingUp(context, request);
  const { db, secret, auth } = context.services;
  const formData = await request.formData();
  const form = parseForm(authenticatorSetUpSchema, formData);
  const token = String(formData.get("token") ?? "");
  const now = new Date();
  const sameKeyAgain = async () => ({
    enrolment: await showAuthenticatorEnrolment(db, secret, userId, token, now),
  });
  if (!form.ok) return withExtra(formFailure(400, form), await sameKeyAgain());
  let recoveryCodes: string[];
  try {
    ({ recoveryCodes } = await confirmAuthenticator(db, secret, { userId, ...form.data }, now));
  } catch (error) {
    return withExtra(domainFailure(error, form.values), await sameKeyAgain());
  }
  logSecurityEvent(context, "authenticator_added", { userId });
  // The code just typed is this session's second factor: a new session id that counts.
  const cookie = await auth.startSession(
    userId,
    context.sessionId,
    request.headers.get("user-agent"),
    "totp",
  );
  return data(
    {
      recoveryCodes,
      continueTo: safeRedirectPath(String(formData.get("redirectTo") ?? ""), "/account/two-factor"),
    },
    { headers: { "Set-Cookie": cookie } },
  );
}

const LABELS = { code: "Code from your app" };

export default function AuthenticatorSetUpPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result && "recoveryCodes" in result) {
    return (
      <>
        <h1>Your authenticator app is set up</h1>
        <p className="lede">
          From now on, signing in asks for a code from it. Keep these recovery codes somewhere safe,
          such as a password manager or a printout. Each one works once, if you lose your phone.
          This is the only time they are shown.
        </p>
        <RecoveryCodeList codes={result.recoveryCodes} />
        <p>
          <Link className="button" to={result.continueTo}>
            I have saved my recovery codes: continue
          </Link>
        </p>
      </>
    );
  }
  const failure = result && "fieldErrors" in result ? result : undefined;
  const enrolment = failure?.enrolment ?? loaded.enrolment;
  if (!enrolment) {
    return (
      <>
        <h1>Set up an authenticator app</h1>
        <p className="lede">
          Your account already has an authenticator app. To use another, remove it first on{" "}
          <Link to="/account/two-factor">your two-step sign-in page</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Set up an authenticator app</h1>
      {loaded.mustSetUp ? (
        <p className="notice" role="status">
          Your role needs a second step when you sign in, so that a stolen password is not enough to
          act for the council. Set it up now: it takes a minute.
        </p>
      ) : null}
      <ol className="steps">
        <li>
          Install an authenticator app on your phone, if you do not have one: for example Microsoft
          Authenticator, Google Authenticator, or your password manager.
        </li>
        <li>
          In the app, add an account and scan this QR code.
          <img
            className="qr-code"
            src={enrolment.qrCode}
            width={200}
            height={200}
            alt="QR code holding your Parley key (the same key is written out below)"
          />
          <p>
            If you cannot scan it, type this key into the app instead:{" "}
            <code className="key-text" id="authenticator-key">
              {enrolment.keyText}
            </code>
          </p>
        </li>
        <li>Type the 6-digit code the app now shows for Parley.</li>
      </ol>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <input type="hidden" name="token" value={enrolment.token} />
        <input type="hidden" name="redirectTo" value={loaded.redirectTo} />
        <TextField
          name="code"
          label={LABELS.code}
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          error={failure?.fieldErrors.code}
        />
        <button type="submit" className="button" disabled={busy}>
          Confirm and set up
        </button>
      </Form>
      <p>
        <Link to={`/account/passkeys?redirectTo=${encodeURIComponent(loaded.redirectTo)}`}>
          Use a passkey instead
        </Link>{" "}
        (needs JavaScript)
      </p>
      {loaded.mustSetUp ? (
        <Form method="post" action="/sign-out">
          <button type="submit" className="button button--secondary">
            Not now: sign out
          </button>
        </Form>
      ) : null}
    </>
  );
}
