import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { formatDateTime } from "~/components/format";
import { listNotifications, markAllRead, markRead } from "~/domain/notifications.server";
import { idField } from "~/schemas/fields";
import { parseForm } from "~/schemas/parse-form";
import { queryId } from "~/schemas/query";

export const meta: MetaFunction = () => [{ title: "Notifications — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const beforeId = queryId(new URL(request.url), "before");
  return listNotifications(context.services.db, viewer, beforeId);
}

const notificationActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("mark-read"), id: idField("Choose a notification") }),
    z.object({ intent: z.literal("mark-all-read") }),
  ],
  { error: "That action isn't available here." },
);

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const form = parseForm(notificationActionSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const now = new Date();
  if (form.data.intent === "mark-read")
    await markRead(context.services.db, viewer, form.data.id, now);
  else await markAllRead(context.services.db, viewer, now);
  return redirect("/notifications", 303);
}

export default function NotificationsPage() {
  const { notifications, nextBeforeId } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const anyUnread = notifications.some((n) => !n.read);
  return (
    <>
      <h1>Notifications</h1>
      <p>
        <Link to="/notifications/preferences">Choose what you are told about</Link>
      </p>
      {anyUnread ? (
        <Form method="post">
          <input type="hidden" name="intent" value="mark-all-read" />
          <button type="submit" className="button button--secondary" disabled={busy}>
            Mark all as read
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p>Nothing yet. Follow an issue or a thread to hear what happens next.</p>
      ) : (
        <ul className="card-list" aria-label="Your notifications">
          {notifications.map((n) => (
            <li
              key={n.id}
              className={n.read ? "notification" : "notification notification--unread"}
            >
              <span>
                <Link to={n.href} className="notification__text">
                  {n.text}
                </Link>
                {n.read ? null : <span className="visually-hidden"> (unread)</span>}
                <br />
                <span className="meta">{formatDateTime(n.createdAt)}</span>
              </span>
              {n.read ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="mark-read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button
                    type="submit"
                    className="link-button"
                    disabled={busy}
                    aria-label={`Mark as read: ${n.text}`}
                  >
                    Mark as read
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {nextBeforeId ? (
        <p className="pagination">
          <Link to={`?before=${nextBeforeId}`}>Older notifications</Link>
        </p>
      ) : null}
    </>
  );
}
