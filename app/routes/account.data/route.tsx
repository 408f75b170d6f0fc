/** "Download your data": ask for a zip, see when it is ready, download it until it expires. */
import { logSecurityEvent } from "~/security-log.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { requireViewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { formatDateTime } from "~/components/format";
import { latestDataExport, requestDataExport } from "~/domain/data-export.server";

export const meta: MetaFunction = () => [{ title: "Download your data — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  return { latest: await latestDataExport(context.services.db, viewer.id, new Date()) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  await requestDataExport(context.services.db, viewer.id, new Date());
  logSecurityEvent(context, "data_export_requested");
  return redirect("/account/data", 303);
}

export default function DataExportPage() {
  const { latest } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: "/account", label: "Your account" }]} />
      <h1>Download your data</h1>
      <p className="lede">
        A zip file with your profile, everything you wrote, the ideas you supported, the posts you
        flagged and the moderators’ decisions about your posts and account. Each part comes as JSON
        and as CSV, which opens in a spreadsheet.
      </p>
      {latest?.readyAt ? (
        <div className="notice" role="status">
          <p>
            Your data is ready. The link works until {formatDateTime(latest.expiresAt)}, and only
            when you are signed in.
          </p>
          <p>
            <a href={`/account/data/${latest.id}`} download>
              Download your data (zip)
            </a>
          </p>
        </div>
      ) : latest ? (
        <p className="notice" role="status">
          We are preparing your data (asked for at {formatDateTime(latest.requestedAt)}). It is
          usually ready within a minute: reload this page to check.
        </p>
      ) : null}
      <Form method="post">
        <button type="submit" className="button" disabled={busy}>
          {latest ? "Prepare a fresh copy" : "Prepare my data"}
        </button>
      </Form>
    </>
  );
}
