/**
 * The passkey button: it asks the server for a challenge, lets the browser's passkey
 * answer it, and submits its form with the answer in two hidden fields. The form's
 * action checks the answer (registering, signing in, or confirming a change), so a
 * passkey travels the same way as a typed code. Passkeys need JavaScript; without it the
 * button is replaced by a sentence saying so.
 */
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useRef, useState, type MouseEvent } from "react";
import { useHydrated } from "./use-hydrated";

export type PasskeyPurpose = "register" | "sign-in" | "confirm" | "passwordless";

interface Challenge {
  challengeId: string;
  // The server's options, passed through to the browser as they came.
  options: Parameters<typeof startAuthentication>[0]["optionsJSON"] &
    Parameters<typeof startRegistration>[0]["optionsJSON"];
}

async function fetchChallenge(purpose: PasskeyPurpose): Promise<Challenge> {
  const response = await fetch("/passkey-challenge", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ purpose }),
  });
  if (!response.ok) throw new Error(`the challenge answered ${response.status}`);
  return (await response.json()) as Challenge;
}

export function PasskeyButton({
  purpose,
  label,
  withoutJavaScript,
}: {
  purpose: PasskeyPurpose;
  label: string;
  /** What to say when the page runs without JavaScript (passkeys cannot work then). */
  withoutJavaScript: string;
}) {
  const hydrated = useHydrated();
  const challengeField = useRef<HTMLInputElement>(null);
  const responseField = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!hydrated) return <p className="field__hint">{withoutJavaScript}</p>;

  async function answerWithPasskey(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    setProblem(null);
    setBusy(true);
    try {
      const { challengeId, options } = await fetchChallenge(purpose);
      const answer =
        purpose === "register"
          ? await startRegistration({ optionsJSON: options })
          : await startAuthentication({ optionsJSON: options });
      if (challengeField.current) challengeField.current.value = challengeId;
      if (responseField.current) responseField.current.value = JSON.stringify(answer);
      form?.requestSubmit();
    } catch {
      setProblem("The passkey was not used. Try again, or use a code instead.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="passkey-button">
      <input type="hidden" name="passkeyChallengeId" ref={challengeField} />
      <input type="hidden" name="passkeyResponse" ref={responseField} />
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        onClick={(event) => void answerWithPasskey(event)}
      >
        {label}
      </button>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
