import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
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
import { listPasskeys, removePasskey } from "~/domain/second-factors/passkeys.server";
import {
  countRememberedBrowsers,
  forgetRememberedBrowsers,
} from "~/domain/second-factors/remembered-browsers.server";
import { readSignInSettings } from "~/domain/second-factors/sign-in-settings.server";
import { passRetryAfter } from "~/retry-after-headers";
import { checkFreshSecondFactor } from "~/second-factor-checks.server";
import { logSecurityEvent } from "~/security-log.server";
import {
  CONFIRMATION_CODE_LABEL,
  ConfirmationCodeField,
} from "~/components/confirmation-code-field";
import { formValues } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Two-step sign-in — Parley" }];
export const headers = passRetryAfter;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const { db } = context.services;
  const [factors, passkeys, settings, rememberedBrowsers] = await Promise.all([
    describeSecondFactors(db, viewer.id),
    listPasskeys(db, viewer.id),
    readSignInSettings(db),
    countRememberedBrowsers(db, viewer.id, new Date()),
  ]);
  return {
    factors,
    passkeys,
    rememberedBrowsers,
    required: settings.secondFactorRoles.includes(viewer.role),
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

const CONFIRMED_INTENTS = ["regenerate", "remove", "remove-passkey"] as const;
const intentShape = z.enum(CONFIRMED_INTENTS);

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const { db, secret } = context.services;
  const formData = await request.formData();
  if (formData.get("intent") === "forget-browsers") {
    await forgetRememberedBrowsers(db, viewer.id);
    return redirect("/account/two-factor?notice=browsers-forgotten", 303);
  }
  const intent = intentShape.safeParse(formData.get("intent"));
  if (!intent.success) {
    throw new Response("That is not something this page can do.", { status: 400 });
  }
  const values: Record<string, string> = { ...formValues(formData), intent: intent.data };
  const refused = await checkFreshSecondFactor(context, request, viewer.id, formData, values);
  if (refused) return refused;
  if (intent.data === "remove") {
    await removeAuthenticator(db, viewer.id);
    logSecurityEvent(context, "authenticator_removed");
    return redirect("/account/two-factor?notice=removed", 303);
  }
  if (intent.data === "remove-passkey") {
    const removed = await removePasskey(db, viewer.id, String(formData.get("passkeyId") ?? ""));
    if (!removed) return formFailure(404, { formError: "That passkey is already gone.", values });
    logSecurityEvent(context, "passkey_removed");
    return redirect("/account/two-factor?notice=passkey-removed", 303);
  }
  const recoveryCodes = await regenerateRecoveryCodes(db, secret, viewer.id);
  logSecurityEvent(context, "recovery_codes_regenerated");
  return { recoveryCodes, values: null };
}

const NOTICES: Record<string, string> = {
  removed: "Your authenticator app is removed.",
  "passkey-removed": "The passkey is removed.",
  "browsers-forgotten": "Every browser you asked us to remember will ask for a code again.",
};

export default function TwoFactorPage() {
  const { factors, passkeys, required, notice, rememberedBrowsers } =
    useLoaderData<typeof loader>();
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
  const failed = (intent: string, passkeyId?: string) =>
    failure?.values.intent === intent &&
    (passkeyId === undefined || failure.values.passkeyId === passkeyId)
      ? failure
      : undefined;
  const hasPasskey = passkeys.length > 0;
  const anyFactor = factors.authenticatorAddedAt !== null || hasPasskey;
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
        from an app on your phone, or use a passkey.
        {required ? " Your role needs it." : " Anyone may turn it on."}
      </p>

      <h2>Authenticator app</h2>
      {factors.authenticatorAddedAt ? (
        <>
          <p>Set up on {formatDate(factors.authenticatorAddedAt)}.</p>
          <h3>Remove your authenticator app</h3>
          <p>
            {required && !hasPasskey
              ? "Your role needs two-step sign-in: after removing it, you will set up another app the next time you sign in."
              : hasPasskey
                ? "Your passkeys will still be asked for."
                : "Signing in will then need only your password."}
          </p>
          <ConfirmedChange
            intent="remove"
            button="Remove authenticator app"
            busy={busy}
            passkey={hasPasskey}
            failure={failed("remove")}
          />
        </>
      ) : (
        <p>
          <Link className="button" to="/account/authenticator">
            Set up an authenticator app
          </Link>
        </p>
      )}

      <h2>Passkeys</h2>
      {passkeys.length === 0 ? <p>You have no passkey.</p> : null}
      {passkeys.map((passkey) => (
        <section key={passkey.id} aria-labelledby={`passkey-${passkey.id}`} className="passkey">
          <h3 id={`passkey-${passkey.id}`}>{passkey.name}</h3>
          <p>
            Added {formatDate(passkey.createdAt)}
            {passkey.lastUsedAt
              ? `, last used ${formatDate(passkey.lastUsedAt)}`
              : ", not used yet"}
            .
          </p>
          <ConfirmedChange
            intent="remove-passkey"
            passkeyId={passkey.id}
            button={`Remove passkey “${passkey.name}”`}
            busy={busy}
            passkey
            failure={failed("remove-passkey", passkey.id)}
          />
        </section>
      ))}
      <p>
        <Link to="/account/passkeys">Add a passkey</Link> (needs JavaScript)
      </p>

      {anyFactor ? (
        <>
          <h2>Recovery codes</h2>
          <p>
            You have {factors.recoveryCodesLeft} unused recovery code
            {factors.recoveryCodesLeft === 1 ? "" : "s"}.
          </p>
          <ConfirmedChange
            intent="regenerate"
            button="Make new recovery codes"
            busy={busy}
            passkey={hasPasskey}
            failure={failed("regenerate")}
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
        </>
      ) : null}
      <p>
        <Link to="/account">Back to your account</Link>
      </p>
    </>
  );
}

/** A change that needs a fresh second factor first: its own form with its own code field. */
function ConfirmedChange({
  intent,
  passkeyId,
  button,
  busy,
  passkey,
  failure,
}: {
  intent: string;
  passkeyId?: string;
  button: string;
  busy: boolean;
  passkey: boolean;
  failure?: { formError: string | null; fieldErrors: Record<string, string> };
}) {
  const formName = passkeyId ? `${intent}-${passkeyId.slice(0, 12)}` : intent;
  return (
    <Form method="post" noValidate>
      <ErrorSummary
        formError={failure?.formError}
        fieldErrors={failure?.fieldErrors}
        labels={{ confirmationCode: CONFIRMATION_CODE_LABEL }}
      />
      <input type="hidden" name="intent" value={intent} />
      {passkeyId ? <input type="hidden" name="passkeyId" value={passkeyId} /> : null}
      <ConfirmationCodeField
        form={formName}
        passkey={passkey}
        error={failure?.fieldErrors.confirmationCode}
      />
      <button type="submit" className="button" disabled={busy}>
        {button}
      </button>
    </Form>
  );
}
