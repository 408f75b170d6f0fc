/**
 * What the single sign-on routes share: finding the provider an address names, and the
 * callback address registered with it (under PUBLIC_ORIGIN when set, so it matches what
 * the provider was told, whatever Host a proxy passes on).
 */
import type { AppLoadContext } from "@remix-run/node";
import type { SingleSignOnProvider } from "./domain/single-sign-on/providers";
import { linkedProviderOf } from "./domain/single-sign-on/single-sign-on.server";

export function findProvider(
  context: AppLoadContext,
  id: string | undefined,
): SingleSignOnProvider {
  const provider = context.services.config.singleSignOnProviders.find((p) => p.id === id);
  if (!provider) {
    throw new Response("There is no such sign-in provider.", { status: 404 });
  }
  return provider;
}

function siteOrigin(context: AppLoadContext, request: Request): string {
  return context.services.config.publicOrigin ?? new URL(request.url).origin;
}

export function callbackUrlOf(
  context: AppLoadContext,
  request: Request,
  provider: SingleSignOnProvider,
): string {
  return `${siteOrigin(context, request)}/sign-in/sso/${provider.id}/callback`;
}

/** The address the provider sent the browser back to, as it was registered. */
export function receivedCallbackUrl(
  context: AppLoadContext,
  request: Request,
  provider: SingleSignOnProvider,
): URL {
  const url = new URL(callbackUrlOf(context, request, provider));
  url.search = new URL(request.url).search;
  return url;
}

/**
 * The configured provider an account is bound to: such an account signs in there only
 * (not with a password or a passkey alone), so that disabling someone at the provider
 * is the end of their access. A provider no longer configured binds nobody.
 */
export async function providerBindingAccount(
  context: AppLoadContext,
  userId: number,
): Promise<SingleSignOnProvider | null> {
  const linked = await linkedProviderOf(context.services.db, userId);
  return context.services.config.singleSignOnProviders.find((p) => p.id === linked) ?? null;
}

/** Providers as the sign-in page shows them. */
export function providerButtons(context: AppLoadContext) {
  return context.services.config.singleSignOnProviders.map((provider) => ({
    id: provider.id,
    name: provider.name,
  }));
}
