import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAnalyst } from "~/analysis-access.server";
import { exportCodingCsv } from "~/domain/analysis/analysis-exports.server";
import { throwDomainResponse } from "~/http.server";

/** The coding as CSV, streamed: one row per contribution–theme pair. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireAnalyst(context, request);
  const { fileName, body } = await exportCodingCsv(
    context.services,
    viewer,
    params.slug ?? "",
  ).catch(throwDomainResponse);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
