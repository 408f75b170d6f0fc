/**
 * Security events in the log (ASVS V16): sign-ins and their failures, limits reached,
 * resets, credential changes, sign-outs everywhere, exports and deletions. Each line has
 * the event, the request id, the client address and the account id where known; never
 * passwords, tokens or email addresses.
 */
import type { AppLoadContext } from "@remix-run/node";

export type SecurityEvent =
  | "sign_in"
  | "sign_in_failed"
  | "sign_in_limited"
  | "registered"
  | "registration_limited"
  | "registration_for_taken_address"
  | "password_reset_requested"
  | "password_reset"
  | "password_changed"
  | "email_change_requested"
  | "confirmation_mail_limited"
  | "email_changed"
  | "email_confirmed"
  | "signed_out_everywhere"
  | "session_ended"
  | "data_export_requested"
  | "account_deleted"
  | "second_factor_given"
  | "second_factor_failed"
  | "second_factor_limited"
  | "authenticator_added"
  | "authenticator_removed"
  | "passkey_added"
  | "passkey_removed"
  | "single_sign_on"
  | "single_sign_on_refused"
  | "provider_logout"
  | "recovery_codes_regenerated"
  | "second_factors_reset"
  | "role_changed"
  | "sign_in_settings_changed";

const WARNINGS: ReadonlySet<SecurityEvent> = new Set([
  "sign_in_limited",
  "registration_limited",
  "second_factor_failed",
  "second_factor_limited",
]);

export function logSecurityEvent(
  context: AppLoadContext,
  event: SecurityEvent,
  fields: { userId?: number | null; method?: string; targetUserId?: number } = {},
): void {
  const line = {
    security: event,
    requestId: context.requestId,
    ip: context.clientIp,
    userId: fields.userId ?? context.viewer?.id ?? context.pendingSignIn?.userId ?? null,
    ...(fields.method ? { method: fields.method } : {}),
    ...(fields.targetUserId ? { targetUserId: fields.targetUserId } : {}),
  };
  if (WARNINGS.has(event)) context.services.log.warn(line, "security event");
  else context.services.log.info(line, "security event");
}
