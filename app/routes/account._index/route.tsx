import { logSecurityEvent } from "~/security-log.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth.server";
import { describeAccount } from "~/domain/account-overview.server";
import { endOwnSession, listSessions } from "~/domain/account-sessions.server";
import { signOutEverywhere } from "~/domain/account-lifecycle.server";
import { formatDateTime } from "~/components/format";

export const meta: MetaFunction = () => [{ title: "Your account — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const notice = new URL(request.url).searchParams.get("notice");
  const { db } = context.services;
  return {
    account: await describeAccount(db, viewer.id),
    sessions: await listSessions(db, viewer.id, context.sessionId, new Date()),
    notice,
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "end-session") {
    const key = String(formData.get("session") ?? "");
    if (!/^[0-9a-f]{64}$/.test(key)) {
      throw new Response("That session is not one of yours.", { status: 400 });
    }
    const ended = await endOwnSession(context.services.db, viewer.id, key);
    if (ended) logSecurityEvent(context, "session_ended");
    return redirect(`/account?notice=${ended ? "session-ended" : "session-gone"}#sessions`, 303);
  }
  if (intent !== "sign-out-everywhere") {
    throw new Response("That is not something this page can do.", { status: 400 });
  }
  await signOutEverywhere(context.services.db, viewer.id);
  logSecurityEvent(context, "signed_out_everywhere");
  const cookie = await context.services.auth.endSession(context.sessionId);
  return redirect("/sign-in?signedOutEverywhere", {
    status: 303,
    headers: { "Set-Cookie": cookie },
  });
}

const NOTICES: Record<string, string> = {
  password: "Your password is changed. You have been signed out everywhere else.",
  "email-sent": "Check your new email address: we sent it a link to confirm the change.",
  "email-changed": "Your email address is changed. You have been signed out everywhere else.",
  confirmed: "Thank you: your email address is confirmed.",
  "session-ended": "That browser is signed out.",
  "session-gone": "That browser was already signed out.",
};

export default function AccountPage() {
  const { account, sessions, notice } = useLoaderData<typeof loader>();
  const message = notice ? NOTICES[notice] : undefined;
  return (
    <>
      <h1>Your account</h1>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Name</dt>
          <dd>
            {account.displayName} <Link to="/account/profile">Change your profile</Link>
          </dd>
        </div>
        <div>
          <dt>Email address</dt>
          <dd>
            {account.email}{" "}
            {account.emailConfirmed ? (
              "(confirmed)"
            ) : (
              <>
                (not confirmed yet) <Link to="/account/confirm-email">Confirm it</Link>
              </>
            )}{" "}
            <Link to="/account/email">Change your email address</Link>
          </dd>
        </div>
        <div>
          <dt>Password</dt>
          <dd>
            <Link to="/account/password">Change your password</Link>
          </dd>
        </div>
        <div>
          <dt>Two-step sign-in</dt>
          <dd>
            {account.authenticator ? "On, with an authenticator app." : "Off."}{" "}
            <Link to="/account/two-factor">Manage two-step sign-in</Link>
          </dd>
        </div>
        <div>
          <dt>Signed in</dt>
          <dd>
            {sessions.length === 1
              ? "On this device only."
              : `On ${sessions.length} devices or browsers, this one included.`}{" "}
            Your account was made on {formatDateTime(account.createdAt)}.
          </dd>
        </div>
      </dl>
      <section aria-labelledby="sessions">
        <h2 id="sessions">Where you are signed in</h2>
        <p>If you do not recognise one of these, sign it out and change your password.</p>
        <ul className="session-list">
          {sessions.map((session, index) => (
            <li key={session.key}>
              <strong>{session.device}</strong>
              {session.current ? " (this browser)" : ""}
              <br />
              Signed in {formatDateTime(session.startedAt)}, last used{" "}
              {formatDateTime(session.lastSeenAt)}.
              {session.current ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="session" value={session.key} />
                  <button type="submit" className="link-button">
                    Sign out {session.device}
                    <span className="visually-hidden"> (session {index + 1})</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button type="submit" className="button button--secondary">
          Sign out everywhere
        </button>
      </Form>
      <h2>Notifications and email</h2>
      <p>
        <Link to="/notifications/preferences">
          Choose what you are told about, and what by email
        </Link>
      </p>
      <h2>Your data</h2>
      <ul>
        <li>
          <Link to="/account/data">Download your data</Link>
        </li>
        <li>
          <Link to="/account/delete">Delete your account</Link>
        </li>
        <li>
          <Link to="/privacy">How we use your data</Link>
        </li>
      </ul>
    </>
  );
}
