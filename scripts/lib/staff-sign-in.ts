/**
 * Signing a staff account in over plain HTTP, for harnesses (bench, fault tests) that
 * act as staff: the password, then, for an account whose role needs a second factor and
 * has none, the real set-up page, answered with a code computed from the key it shows.
 * Returns the Cookie header of the session that counts.
 */
import { keyFromBase32, totpCodeAt, totpStep } from "../../app/domain/second-factors/totp";

/** The key and token the set-up page shows (read from its HTML, as a person reads it). */
export function readSetUpPage(html: string): { keyText: string; token: string } {
  const keyText = /id="authenticator-key"[^>]*>([A-Z2-7 ]+)</.exec(html)?.[1];
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!keyText || !token) throw new Error("the set-up page shows no key");
  return { keyText, token };
}

/**
 * A code the server will take: the current step's, or a later one within the window if
 * that step was used already (a step is never accepted twice). Waits when both are spent.
 */
export async function freshCode(
  keyText: string,
  lastStep: number | null,
): Promise<{ code: string; step: number }> {
  for (;;) {
    const now = totpStep(new Date());
    const step = lastStep === null ? now : Math.max(now, lastStep + 1);
    if (step <= now + 1) return { code: totpCodeAt(keyFromBase32(keyText), step), step };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Keys this process set up, per site and address, to sign in with again. */
const knownKeys = new Map<string, { keyText: string; lastStep: number }>();

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .filter((cookie) => !/=$/.test(cookie ?? ""))
    .join("; ");
}

export async function signInSettingUp(
  base: string,
  account: { email: string; password: string },
): Promise<string> {
  const form = (fields: Record<string, string>, cookie?: string) => ({
    method: "POST",
    redirect: "manual" as const,
    headers: {
      Origin: base,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
  const signedIn = await fetch(`${base}/sign-in`, form(account));
  if (signedIn.status !== 303) throw new Error(`signing in answered ${signedIn.status}`);
  const cookie = cookiesOf(signedIn);
  const next = signedIn.headers.get("location") ?? "/";
  const keyName = `${base} ${account.email}`;
  if (next.startsWith("/sign-in/code")) {
    const known = knownKeys.get(keyName);
    if (!known) throw new Error(`${account.email} has an authenticator this harness never saw`);
    const fresh = await freshCode(known.keyText, known.lastStep);
    const verified = await fetch(`${base}/sign-in/code`, form({ code: fresh.code }, cookie));
    const session = cookiesOf(verified);
    if (verified.status !== 303 || !session) {
      throw new Error(`the code page answered ${verified.status}`);
    }
    knownKeys.set(keyName, { keyText: known.keyText, lastStep: fresh.step });
    return session;
  }
  if (!next.startsWith("/account/authenticator")) return cookie;
  const page = await fetch(`${base}/account/authenticator`, { headers: { Cookie: cookie } });
  const { keyText, token } = readSetUpPage(await page.text());
  const fresh = await freshCode(keyText, null);
  const confirmed = await fetch(
    `${base}/account/authenticator`,
    form({ token, code: fresh.code, redirectTo: "/" }, cookie),
  );
  const session = cookiesOf(confirmed);
  if (confirmed.status !== 200 || !session) {
    throw new Error(`setting up an authenticator answered ${confirmed.status}`);
  }
  knownKeys.set(keyName, { keyText, lastStep: fresh.step });
  return session;
}
