/**
 * The fresh code asked before a sensitive change. A page may hold several such forms;
 * only the refused one's field takes the id the error summary links to.
 */
import { TextField } from "./form-fields";
import { PasskeyButton } from "./passkeys";

export const CONFIRMATION_CODE_LABEL = "Your code, to confirm it is you";

export function ConfirmationCodeField({
  form,
  error,
  passkey = false,
}: {
  /** Names this form's field apart from the page's other code fields. */
  form: string;
  error?: string;
  /** The person has a passkey: offer it instead of a code. */
  passkey?: boolean;
}) {
  return (
    <>
      <TextField
        name="confirmationCode"
        id={error ? "confirmationCode" : `${form}-code`}
        label={CONFIRMATION_CODE_LABEL}
        hint="A code from your authenticator app, or one of your recovery codes."
        autoComplete="one-time-code"
        spellCheck={false}
        error={error}
      />
      {passkey ? (
        <PasskeyButton
          purpose="confirm"
          label="Confirm with a passkey instead"
          withoutJavaScript="Your passkey needs JavaScript, which is off: type a code instead."
        />
      ) : null}
    </>
  );
}
