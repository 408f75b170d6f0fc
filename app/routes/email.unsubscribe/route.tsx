/**
 * One-click unsubscribe (RFC 8058). Mail clients POST here straight from the inbox; a
 * person following the link gets a page with one button, because a GET never changes
 * anything. The signed token is the authority, so no sign-in is needed, and this is the
 * one form that accepts a POST from another origin (see http-server's Origin check).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EMAIL_KIND_LABEL, isEmailKind, setEmailKind } from "~/domain/email-preferences.server";
import { readUnsubscribeToken } from "~/mail/unsubscribe-tokens.server";

export const meta: MetaFunction = () => [{ title: "Stop these emails — Parley" }];

function readToken(secret: string, token: string | null) {
  const read = token ? readUnsubscribeToken(secret, token) : null;
  return read && isEmailKind(read.kind) ? { userId: read.userId, kind: read.kind } : null;
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  const read = readToken(context.services.secret, token);
  if (!read) {
    throw new Response(
      "This unsubscribe link is not complete. Copy the whole link from the email, or change your email settings after signing in.",
      { status: 400 },
    );
  }
  return { token, label: EMAIL_KIND_LABEL[read.kind], done: url.searchParams.has("done") };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const formData = await request.formData();
  const token = String(formData.get("token") ?? url.searchParams.get("token") ?? "");
  const read = readToken(context.services.secret, token);
  if (!read) {
    throw new Response("This unsubscribe link is not complete.", { status: 400 });
  }
  await setEmailKind(context.services.db, read.userId, read.kind, false);
  // A mail client's one-click POST needs only a 2xx; a person gets the confirmation page.
  if (formData.get("List-Unsubscribe") === "One-Click") return new Response(null, { status: 204 });
  return redirect(`/email/unsubscribe?token=${encodeURIComponent(token)}&done`, 303);
}

export default function UnsubscribePage() {
  const { token, label, done } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Stop these emails</h1>
      {done ? (
        <p className="notice" role="status">
          Done: we will not email you about this any more (“{label}”). You will still see it in your
          notifications on Parley.
        </p>
      ) : (
        <Form method="post">
          <p>Stop emails for “{label}”? Your notifications on Parley are not affected.</p>
          <input type="hidden" name="token" value={token ?? ""} />
          <button type="submit" className="button">
            Stop these emails
          </button>
        </Form>
      )}
      <p>
        <Link to="/notifications/preferences">All notification and email settings</Link> (sign-in
        needed)
      </p>
    </>
  );
}
