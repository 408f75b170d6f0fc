import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireViewer } from "~/auth.server";
import { exportContributionsCsv } from "~/domain/contribution-export.server";
import { throwDomainResponse } from "~/http.server";
import { siteOrigin } from "~/open-data-http.server";

/** Staff download of an issue's contributions (moderation status for moderators only). */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const { fileName, body } = await exportContributionsCsv(
    context.services.db,
    viewer,
    params.slug ?? "",
    siteOrigin(context, request),
  ).catch(throwDomainResponse);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
