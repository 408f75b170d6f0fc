import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireViewer, safeRedirectPath } from "~/auth.server";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { PasskeyButton } from "~/components/passkeys";
import { RecoveryCodeList } from "~/components/recovery-codes";
import { domainFailure, formFailure } from "~/action-result.server";
import { finishPasskeyRegistration } from "~/domain/second-factors/passkeys.server";
import { relyingParty } from "~/second-factor-checks.server";
import { logSecurityEvent } from "~/security-log.server";
import { parseForm } from "~/schemas/parse-form";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";

export const meta: MetaFunction = () => [{ title: "Add a passkey — Parley" }];

/** The signed-in person, or a staff sign-in setting up its first second factor. */
function addingFor(context: LoaderFunctionArgs["context"], request: Request) {
  const pending = context.pendingSignIn;
  if (pending?.stage === "enrol") return { userId: pending.userId, mustSetUp: true };
  if (pending?.stage === "verify") throw redirect("/sign-in/code");
  return { userId: requireViewer(context, request).id, mustSetUp: false };
}

export function loader({ context, request }: LoaderFunctionArgs) {
  const { mustSetUp } = addingFor(context, request);
  const redirectTo = safeRedirectPath(
    new URL(request.url).searchParams.get("redirectTo"),
    mustSetUp ? "/" : "/account/two-factor",
  );
  return { mustSetUp, redirectTo };
}

const passkeySchema = z.object({
  name: z
    .string({ error: "Name the passkey" })
    .trim()
    .min(1, "Name the passkey, so you can tell it apart later: for example “Work laptop”")
    .max(60, "The name must be at most 60 characters"),
  passkeyChallengeId: z.string().min(1, "Use the passkey button to add one").max(100),
  passkeyResponse: z.string().min(1, "Use the passkey button to add one").max(20_000),
});

export async function action({ context, request }: ActionFunctionArgs) {
  const { userId } = addingFor(context, request);
  const formData = await request.formData();
  const form = parseForm(passkeySchema, formData);
  if (!form.ok) return formFailure(400, form);
  const values = form.values;
  let response: RegistrationResponseJSON;
  try {
    response = JSON.parse(form.data.passkeyResponse) as RegistrationResponseJSON;
  } catch {
    return formFailure(400, { formError: "The passkey's answer could not be read.", values });
  }
  const { db, secret, auth } = context.services;
  let recoveryCodes: string[] | null;
  try {
    ({ recoveryCodes } = await finishPasskeyRegistration(
      db,
      secret,
      relyingParty(context, request),
      { userId, challengeId: form.data.passkeyChallengeId, response, name: form.data.name },
      new Date(),
    ));
  } catch (error) {
    return domainFailure(error, values);
  }
  logSecurityEvent(context, "passkey_added", { userId });
  // The passkey just made is this session's second factor: a new session id that counts.
  const cookie = await auth.startSession(
    userId,
    context.sessionId,
    request.headers.get("user-agent"),
    "passkey",
  );
  return data(
    {
      added: form.data.name,
      recoveryCodes,
      continueTo: safeRedirectPath(String(formData.get("redirectTo") ?? ""), "/account/two-factor"),
    },
    { headers: { "Set-Cookie": cookie } },
  );
}

const LABELS = { name: "Name for this passkey", passkey: "Passkey" };

export default function AddPasskeyPage() {
  const { mustSetUp, redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result && "added" in result) {
    return (
      <>
        <h1>Your passkey is added</h1>
        <p className="lede">“{result.added}” can now confirm it is you when you sign in.</p>
        {result.recoveryCodes ? (
          <>
            <p>
              Keep these recovery codes somewhere safe, such as a password manager or a printout.
              Each one works once, if you lose the device with your passkey. This is the only time
              they are shown.
            </p>
            <RecoveryCodeList codes={result.recoveryCodes} />
          </>
        ) : null}
        <p>
          <Link className="button" to={result.continueTo}>
            Continue
          </Link>
        </p>
      </>
    );
  }
  const failure = result && "fieldErrors" in result ? result : undefined;
  return (
    <>
      <h1>Add a passkey</h1>
      {mustSetUp ? (
        <p className="notice" role="status">
          Your role needs a second step when you sign in. A passkey is one: your device confirms it
          is you with your fingerprint, face or PIN.
        </p>
      ) : null}
      <p className="lede">
        A passkey lives on your phone, computer or security key. Name it, then follow what your
        browser asks.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="name"
          label={LABELS.name}
          hint="For example “Work laptop” or “Phone”."
          defaultValue={failure?.values.name}
          error={failure?.fieldErrors.name}
        />
        <PasskeyButton
          purpose="register"
          label="Create a passkey"
          withoutJavaScript="Passkeys need JavaScript in your browser, which is off. Set up an authenticator app instead: it works without JavaScript."
        />
      </Form>
      <p>
        <Link to={`/account/authenticator?redirectTo=${encodeURIComponent(redirectTo)}`}>
          Use an authenticator app instead
        </Link>
      </p>
    </>
  );
}
