/**
 * A challenge for the passkey button (components/passkeys.tsx), as JSON. Who may ask
 * depends on the purpose: registering or confirming needs a signed-in person (or, to
 * register, a staff sign-in setting up its first factor); signing in needs a password
 * already given; passwordless needs nobody, when the admin allows it.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { readSignInSettings } from "~/domain/second-factors/sign-in-settings.server";
import {
  startPasskeyCheck,
  startPasskeyRegistration,
} from "~/domain/second-factors/passkeys.server";
import { relyingParty } from "~/second-factor-checks.server";

const requestShape = z.object({
  purpose: z.enum(["register", "sign-in", "confirm", "passwordless"]),
});

function refuse(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return refuse(405, "Ask for a passkey challenge with POST.");
}

export async function action({ context, request }: ActionFunctionArgs) {
  const parsed = requestShape.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return refuse(400, "Say what the passkey is for.");
  const { purpose } = parsed.data;
  const { db } = context.services;
  const rp = relyingParty(context, request);
  const now = new Date();
  const pending = context.pendingSignIn;
  if (purpose === "register") {
    const userId = context.viewer?.id ?? (pending?.stage === "enrol" ? pending.userId : null);
    if (userId === null) return refuse(403, "Sign in to add a passkey.");
    return Response.json(await startPasskeyRegistration(db, rp, userId, now));
  }
  if (purpose === "confirm") {
    if (!context.viewer) return refuse(403, "Sign in first.");
    return Response.json(
      await startPasskeyCheck(db, rp, { userId: context.viewer.id, purpose: "confirm" }, now),
    );
  }
  if (purpose === "sign-in") {
    if (pending?.stage !== "verify") return refuse(403, "Give your password first.");
    return Response.json(
      await startPasskeyCheck(db, rp, { userId: pending.userId, purpose: "sign-in" }, now),
    );
  }
  if (!(await readSignInSettings(db)).passkeyFirstFactor) {
    return refuse(403, "Signing in with a passkey alone is not turned on.");
  }
  return Response.json(await startPasskeyCheck(db, rp, { userId: null, purpose: "sign-in" }, now));
}
