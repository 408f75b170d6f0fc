import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAnalyst } from "~/analysis-access.server";
import { exportConsultJson } from "~/domain/analysis/analysis-exports.server";
import { throwDomainResponse } from "~/http.server";

/** The coding in the layout of the UK government's Consult tool. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireAnalyst(context, request);
  const { fileName, document } = await exportConsultJson(
    context.services,
    viewer,
    params.slug ?? "",
  ).catch(throwDomainResponse);
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
