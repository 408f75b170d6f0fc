import { logSecurityEvent } from "~/security-log.server";
import { passRetryAfter } from "~/retry-after-headers";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/form-fields";
import { formFailure } from "~/action-result.server";
import { limitedFormFailure } from "~/rate-limit-responses.server";
import { startSignInAttempt } from "~/sign-in-limits.server";
import { safeRedirectPath } from "~/auth.server";
import { verifyCredentials } from "~/domain/users.server";
import { addressOfNextStep, nextStepAfterFirstFactor } from "~/sign-in-steps.server";
import { readSignInSettings } from "~/domain/second-factors/sign-in-settings.server";
import { PasskeyButton } from "~/components/passkeys";
import { providerBindingAccount, providerButtons } from "~/single-sign-on-http.server";
import { signInSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Sign in — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.viewer) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  }
  const settings = await readSignInSettings(context.services.db);
  return { passwordless: settings.passkeyFirstFactor, providers: providerButtons(context) };
}

export const headers = passRetryAfter;

export async function action({ context, request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const form = parseForm(signInSchema, formData);
  if (!form.ok) return formFailure(400, form);
  // Failed attempts are counted per IP, and per address (whether or not an account has
  // it) or, from a browser this account has signed in on, per device: see sign-in-limits.
  const attempt = await startSignInAttempt(context.services, {
    email: form.data.email,
    clientIp: context.clientIp,
    cookieHeader: request.headers.get("cookie"),
  });
  const limit = await attempt.check();
  if (!limit.allowed) {
    logSecurityEvent(context, "sign_in_limited");
    return limitedFormFailure(
      form.values,
      "There have been too many attempts to sign in.",
      limit.retryAfterSeconds,
    );
  }
  const userId = await verifyCredentials(context.services.db, form.data.email, form.data.password);
  if (userId === null) {
    logSecurityEvent(context, "sign_in_failed");
    await attempt.failed();
    // One message whether or not the account exists: no user enumeration.
    return formFailure(400, {
      formError: "The email address or password is not right. Check them and try again.",
      values: form.values,
    });
  }
  // An account linked to a configured identity provider signs in there only: when
  // someone leaves, the council disables them in one place and that is the end of it.
  const provider = await providerBindingAccount(context, userId);
  if (provider) {
    logSecurityEvent(context, "sign_in_failed", { userId, method: "password-for-linked-account" });
    return formFailure(400, {
      formError: `This account signs in through ${provider.name}. Use the “Sign in with ${provider.name}” button.`,
      values: form.values,
    });
  }
  const deviceCookie = await attempt.succeeded(userId);
  // The password was right; the session counts once the second factor (if any) is given.
  const next = await nextStepAfterFirstFactor(context, request, userId);
  logSecurityEvent(context, "sign_in", { userId, method: next.secondFactor ?? "password" });
  const cookie = await context.services.auth.startSession(
    userId,
    context.sessionId,
    request.headers.get("user-agent"),
    next.secondFactor,
  );
  const target = safeRedirectPath(String(formData.get("redirectTo") ?? ""));
  const headers = new Headers();
  headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", deviceCookie);
  return redirect(addressOfNextStep(next, target), {
    status: 303,
    headers,
  });
}

const LABELS = { email: "Email address", password: "Password" };

/** Where the person came from, said in a sentence: after a reset, a deletion, and so on. */
const NOTICES: [param: string, text: string][] = [
  [
    "passwordReset",
    "Your password is changed and you are signed out everywhere. Sign in with your new password.",
  ],
  ["signedOutEverywhere", "You are signed out on every device and browser."],
  ["confirmed", "Thank you: your email address is confirmed. Sign in to take part."],
  ["emailChanged", "Your email address is changed. Sign in with the new one."],
  [
    "linked",
    "This account signs in through your organisation's sign-in: use the button under “Council staff”.",
  ],
  [
    "passkey",
    "That passkey did not sign you in. Try again, or use your email address and password.",
  ],
];

function SignInNotice({ searchParams }: { searchParams: URLSearchParams }) {
  const notice = NOTICES.find(([param]) => searchParams.has(param));
  if (!notice) return null;
  return (
    <p className="notice" role="status">
      {notice[1]}
    </p>
  );
}

export default function SignInPage() {
  const failure = useActionData<typeof action>();
  const { passwordless, providers } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const redirectTo = failure?.values.redirectTo ?? searchParams.get("redirectTo") ?? "/";
  return (
    <>
      <h1>Sign in</h1>
      <SignInNotice searchParams={searchParams} />
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
        <p>
          <Link to="/forgot-password">Forgotten your password?</Link>
        </p>
        <button type="submit" className="button" disabled={busy}>
          Sign in
        </button>
      </Form>
      {providers.length > 0 ? (
        <section aria-labelledby="staff-sign-in" className="staff-sign-in">
          <h2 id="staff-sign-in">Council staff</h2>
          <p>Staff sign in with their work account.</p>
          {providers.map((provider) => (
            <Form key={provider.id} method="post" action={`/sign-in/sso/${provider.id}`}>
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <button type="submit" className="button button--secondary">
                Sign in with {provider.name}
              </button>
            </Form>
          ))}
        </section>
      ) : null}
      {passwordless ? (
        <Form method="post" action="/sign-in/passkey" aria-label="Sign in with a passkey">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <PasskeyButton
            purpose="passwordless"
            label="Sign in with a passkey"
            withoutJavaScript="Signing in with a passkey needs JavaScript, which is off: use your email address and password."
          />
        </Form>
      ) : null}
    </>
  );
}
