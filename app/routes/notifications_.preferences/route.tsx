import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { requireViewer } from "~/auth.server";
import {
  listMutedKinds,
  MUTABLE_KINDS,
  NOTIFICATION_KIND_LABEL,
  setEnabledKinds,
} from "~/domain/notifications.server";
import {
  EMAIL_KIND_LABEL,
  EMAIL_KINDS,
  listEmailedKinds,
  setEmailedKinds,
} from "~/domain/email-preferences.server";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../../db/schema";

export const meta: MetaFunction = () => [{ title: "Notification preferences — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const muted = await listMutedKinds(context.services.db, viewer);
  const emailed = await listEmailedKinds(context.services.db, viewer.id);
  return {
    emailKinds: EMAIL_KINDS.map((kind) => ({
      kind,
      label: EMAIL_KIND_LABEL[kind],
      enabled: emailed.includes(kind),
    })),
    kinds: MUTABLE_KINDS.map((kind) => ({
      kind,
      label: NOTIFICATION_KIND_LABEL[kind],
      enabled: !muted.includes(kind),
    })),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const formData = await request.formData();
  const chosen = formData.getAll("kind");
  const emailChosen = formData.getAll("email");
  // Unknown values are ignored: only the kinds we know can be switched on.
  const enabled = NOTIFICATION_KINDS.filter((kind): kind is NotificationKind =>
    chosen.includes(kind),
  );
  await setEnabledKinds(context.services.db, viewer, enabled);
  await setEmailedKinds(
    context.services.db,
    viewer.id,
    EMAIL_KINDS.filter((kind) => emailChosen.includes(kind)),
  );
  return redirect("/notifications/preferences?saved", 303);
}

export default function NotificationPreferencesPage() {
  const { kinds, emailKinds, saved } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: "/notifications", label: "Notifications" }]} />
      <h1>Notification preferences</h1>
      {saved ? (
        <p className="notice" role="status">
          Your preferences are saved.
        </p>
      ) : null}
      <Form method="post">
        <fieldset className="field">
          <legend className="field__label">Tell me about</legend>
          {kinds.map(({ kind, label, enabled }) => (
            <div className="checkbox" key={kind}>
              <input
                type="checkbox"
                id={`kind-${kind}`}
                name="kind"
                value={kind}
                defaultChecked={enabled}
              />
              <label htmlFor={`kind-${kind}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend className="field__label">Also email me, straight away</legend>
          {emailKinds.map(({ kind, label, enabled }) => (
            <div className="checkbox" key={kind}>
              <input
                type="checkbox"
                id={`email-${kind}`}
                name="email"
                value={kind}
                defaultChecked={enabled}
              />
              <label htmlFor={`email-${kind}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <p className="meta">
          You are always told when a moderator makes a decision about your posts or your account.
        </p>
        <button type="submit" className="button" disabled={busy}>
          Save preferences
        </button>
      </Form>
    </>
  );
}
