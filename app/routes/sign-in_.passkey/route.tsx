/**
 * Signing in with a passkey alone (passwordless), where the admin allows it: the sign-in
 * page's passkey button posts the passkey's answer here. A passkey is two factors in
 * itself (the device, and the fingerprint, face or PIN that unlocks it, which is
 * required here), so the session counts at once.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { safeRedirectPath } from "~/auth.server";
import { InvalidInputError } from "~/domain/errors";
import { finishPasskeyCheck } from "~/domain/second-factors/passkeys.server";
import { readSignInSettings } from "~/domain/second-factors/sign-in-settings.server";
import { logSecurityEvent } from "~/security-log.server";
import { passkeyProofOf, relyingParty } from "~/second-factor-checks.server";
import { providerBindingAccount } from "~/single-sign-on-http.server";

export function loader() {
  return redirect("/sign-in");
}

const refusal = (problem: string) =>
  redirect(`/sign-in?passkey=${encodeURIComponent(problem)}`, { status: 303 });

export async function action({ context, request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { db, auth } = context.services;
  if (!(await readSignInSettings(db)).passkeyFirstFactor) return refusal("off");
  const proof = passkeyProofOf(formData);
  if (!proof) return refusal("unread");
  let userId: number;
  try {
    userId = await finishPasskeyCheck(
      db,
      relyingParty(context, request),
      {
        userId: null,
        purpose: "sign-in",
        challengeId: proof.challengeId,
        response: proof.response,
      },
      new Date(),
    );
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    logSecurityEvent(context, "sign_in_failed", { method: "passkey" });
    return refusal("refused");
  }
  if (await providerBindingAccount(context, userId)) {
    logSecurityEvent(context, "sign_in_failed", { userId, method: "passkey-for-linked-account" });
    return redirect("/sign-in?linked", { status: 303 });
  }
  logSecurityEvent(context, "sign_in", { userId, method: "passkey" });
  const cookie = await auth.startSession(
    userId,
    context.sessionId,
    request.headers.get("user-agent"),
    "passkey",
  );
  return redirect(safeRedirectPath(String(formData.get("redirectTo") ?? "")), {
    status: 303,
    headers: { "Set-Cookie": cookie },
  });
}
