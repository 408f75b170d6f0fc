import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { Announcements } from "~/components/announcements";
import { ErrorSummary } from "~/components/form-fields";
import { listLiveAnnouncements, withdrawAnnouncement } from "~/domain/announcements.server";
import { can } from "~/permissions";
import { idField } from "~/schemas/fields";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Announcements — Parley" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return {
    announcements: await listLiveAnnouncements(context.services.db),
    isStaff: can(context.viewer, "create:announcement:any"),
  };
}

const withdrawSchema = z.object({ id: idField("Choose an announcement") });

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requirePermission(
    context,
    request,
    "create:announcement:any",
    "Only council staff can withdraw announcements.",
  );
  const form = parseForm(withdrawSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    await withdrawAnnouncement(context.services.db, viewer, form.data.id, new Date());
    return redirect("/announcements", 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function AnnouncementsPage() {
  const { announcements, isStaff } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Announcements</h1>
      {isStaff ? (
        <p>
          <Link className="button" to="/announcements/new">
            Post an announcement
          </Link>
        </p>
      ) : null}
      <ErrorSummary formError={failure?.formError} fieldErrors={failure?.fieldErrors} />
      {announcements.length === 0 ? <p>There are no announcements right now.</p> : null}
      {announcements.map((announcement) => (
        <div key={announcement.id}>
          <Announcements items={[announcement]} label={announcement.title} />
          {isStaff ? (
            <Form method="post">
              <input type="hidden" name="id" value={announcement.id} />
              <button type="submit" className="link-button" disabled={busy}>
                Withdraw<span className="visually-hidden"> “{announcement.title}”</span>
              </button>
            </Form>
          ) : null}
        </div>
      ))}
    </>
  );
}
