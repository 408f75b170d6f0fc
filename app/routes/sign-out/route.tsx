import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// Signing out changes state, so it is POST only; a GET here just goes home.
export function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const cookie = await context.services.auth.endSession(context.sessionId);
  return redirect("/", { status: 303, headers: { "Set-Cookie": cookie } });
}
