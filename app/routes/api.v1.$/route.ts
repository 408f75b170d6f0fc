/** The public JSON API (/api/v1/…): read-only; see app/api/v1.server.ts. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerApiRequest } from "~/api/v1.server";
import { jsonError } from "~/open-data-http.server";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  return answerApiRequest(request, context, params["*"] ?? "");
}

export function action() {
  return jsonError(405, "This API is read-only: use GET.", { Allow: "GET, HEAD, OPTIONS" });
}
