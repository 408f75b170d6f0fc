/**
 * POST /sign-in/sso/<provider>/back-channel-logout: the identity provider, server to
 * server, says a person signed out there (or was removed). Parley ends the sessions that
 * provider session started. No browser is involved: the same-origin check lets this path
 * through, and the signed logout token is the only credential (readLogoutToken).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  endProviderSessions,
  ProviderUnavailableError,
  readLogoutToken,
} from "~/domain/single-sign-on/single-sign-on.server";
import { logSecurityEvent } from "~/security-log.server";
import { findProvider } from "~/single-sign-on-http.server";

const NO_STORE = { "Cache-Control": "no-store" };

export function loader() {
  throw new Response("Back-channel logout takes a POST from the identity provider.", {
    status: 405,
    headers: { Allow: "POST" },
  });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const provider = findProvider(context, params.provider);
  const form = await request.formData();
  const token = form.get("logout_token");
  let who;
  try {
    who = typeof token === "string" ? await readLogoutToken(provider, token) : null;
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError)) throw error;
    // Parley could not fetch the provider's keys: the provider should send it again.
    return json(
      {
        error: "temporarily_unavailable",
        error_description: "The provider's keys could not be read.",
      },
      { status: 503, headers: { ...NO_STORE, "Retry-After": "30" } },
    );
  }
  if (!who) {
    // The specification's answer to a token that does not verify: 400, JSON error.
    return json(
      { error: "invalid_request", error_description: "The logout token is not valid." },
      { status: 400, headers: NO_STORE },
    );
  }
  const ended = await endProviderSessions(context.services.db, provider, who);
  logSecurityEvent(context, "provider_logout", { method: `${provider.id}:${ended}` });
  return new Response(null, { status: 200, headers: NO_STORE });
}
