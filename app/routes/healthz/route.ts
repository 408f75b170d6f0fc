import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkHealth } from "~/health.server";

/** Liveness for load balancers: 200 while the database answers, 503 when it does not. */
export async function loader({ context }: LoaderFunctionArgs) {
  const health = await checkHealth(context.services);
  return Response.json(health, {
    status: health.database === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
