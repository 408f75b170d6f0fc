/** The zip itself: only for its owner, signed in, until it expires. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireViewer } from "~/auth.server";
import { readDataExport } from "~/domain/data-export.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const exportId = parseIdParam(params.id);
  const archive = await readDataExport(
    context.services.db,
    { exportId, userId: viewer.id },
    new Date(),
  ).catch(throwDomainResponse);
  return new Response(Buffer.from(archive), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="parley-data-${new Date().toISOString().slice(0, 10)}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
