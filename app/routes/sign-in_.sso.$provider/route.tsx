/**
 * POST /sign-in/sso/<provider>: starts a sign-in through the council's identity provider
 * and sends the browser there. A POST (from the sign-in page's button), so that no
 * link or image elsewhere can start attempts; counted against the IP's sign-in limit.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirectPath } from "~/auth.server";
import {
  ProviderUnavailableError,
  startSingleSignOn,
} from "~/domain/single-sign-on/single-sign-on.server";
import { tooManyMessage } from "~/rate-limit-responses.server";
import { callbackUrlOf, findProvider } from "~/single-sign-on-http.server";

export function loader() {
  return redirect("/sign-in");
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const provider = findProvider(context, params.provider);
  const formData = await request.formData();
  const redirectTo = safeRedirectPath(String(formData.get("redirectTo") ?? ""));
  const limit = await context.services.rateLimits.signInPerIp.take(context.clientIp);
  if (!limit.allowed) {
    throw new Response(
      tooManyMessage("There have been too many attempts to sign in.", limit.retryAfterSeconds),
      {
        status: 429,
        headers: { "Retry-After": String(limit.retryAfterSeconds) },
      },
    );
  }
  try {
    const target = await startSingleSignOn(
      context.services.db,
      provider,
      { callbackUrl: callbackUrlOf(context, request, provider), redirectTo },
      new Date(),
    );
    return redirect(target.href, { status: 303 });
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError)) throw error;
    context.services.log.warn(
      { err: error.cause, provider: provider.id },
      "identity provider unreachable",
    );
    throw new Response(
      `${provider.name} cannot be reached just now, so signing in through it is not possible. Try again in a few minutes.`,
      { status: 503, headers: { "Retry-After": "60" } },
    );
  }
}
