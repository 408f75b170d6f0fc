/**
 * Account emails, sent by the outbox worker after the change that asked for them has
 * committed. The token is made here, in the same transaction that marks the event
 * done: if sending fails, the token is rolled back with it and the event retried.
 */
import type { Transaction } from "kysely";
import type { AccountTokenPurpose, Database } from "../../db/schema";
import { issueAccountToken } from "../domain/account-tokens.server";
import {
  accountChangedMessage,
  securityChangedMessage,
  registrationAttemptMessage,
  changeEmailMessage,
  resetPasswordMessage,
  verifyEmailMessage,
  type MailContent,
} from "../mail/messages";
import type { OutboxEvents } from "./outbox.server";
import type { SecurityChange } from "../domain/second-factors/authenticator.server";
import { ROLE_LABELS } from "../domain/account-labels";
import { siteLink, type MailDelivery } from "./mail-delivery.server";

const SECURITY_CHANGES: Record<SecurityChange, (role: string) => string> = {
  authenticator_added: () =>
    "An authenticator app was added to your Parley account, with ten new recovery codes.",
  authenticator_removed: () =>
    "The authenticator app and recovery codes of your Parley account were removed.",
  recovery_codes_regenerated: () =>
    "New recovery codes were made for your Parley account. The old ones no longer work.",
  recovery_code_used: () =>
    "One of your recovery codes was used to sign in to your Parley account. It cannot be used again.",
  factors_reset: () =>
    "An administrator removed the authenticator app and recovery codes of your Parley account, and signed you out. You will set up a new one when you next sign in.",
  role_changed: (role) => `An administrator changed your role on Parley to ${role}.`,
  role_changed_by_provider: (role) =>
    `Your role on Parley is now ${role}, as your organisation's sign-in says.`,
  single_sign_on_linked: () =>
    "Your Parley account is now linked to your organisation's sign-in. From now on you sign in through it, not with a Parley password.",
  passkey_added: () => "A passkey was added to your Parley account.",
  passkey_removed: () => "A passkey was removed from your Parley account.",
};

async function liveUser(trx: Transaction<Database>, userId: number) {
  return trx
    .selectFrom("users")
    .select(["email", "display_name", "email_verified_at", "role"])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

const LINK_PATHS: Record<AccountTokenPurpose, string> = {
  verify_email: "/account/confirm-email",
  reset_password: "/reset-password",
  change_email: "/account/confirm-new-email",
};

const MESSAGES: Record<AccountTokenPurpose, (name: string, url: string) => MailContent> = {
  verify_email: verifyEmailMessage,
  reset_password: resetPasswordMessage,
  change_email: changeEmailMessage,
};

async function mailTokenLink(
  trx: Transaction<Database>,
  delivery: MailDelivery | null,
  input: { userId: number; purpose: AccountTokenPurpose; newEmail?: string },
  now: Date,
): Promise<void> {
  if (!delivery) return;
  const user = await liveUser(trx, input.userId);
  if (!user) return;
  if (input.purpose === "verify_email" && user.email_verified_at) return;
  const token = await issueAccountToken(trx, { ...input, now });
  const url = siteLink(delivery, `${LINK_PATHS[input.purpose]}?token=${token}`);
  await delivery.mailer.send({
    to: input.newEmail ?? user.email,
    ...MESSAGES[input.purpose](user.display_name, url),
  });
}

export function createAccountMailHandlers(delivery: MailDelivery | null) {
  return {
    "account.verify_email": (trx: Transaction<Database>, p: OutboxEvents["account.verify_email"]) =>
      mailTokenLink(trx, delivery, { userId: p.userId, purpose: "verify_email" }, new Date()),
    "account.reset_password": (
      trx: Transaction<Database>,
      p: OutboxEvents["account.reset_password"],
    ) => mailTokenLink(trx, delivery, { userId: p.userId, purpose: "reset_password" }, new Date()),
    "account.change_email": (trx: Transaction<Database>, p: OutboxEvents["account.change_email"]) =>
      mailTokenLink(
        trx,
        delivery,
        { userId: p.userId, purpose: "change_email", newEmail: p.newEmail },
        new Date(),
      ),
    async "account.registration_attempted"(
      trx: Transaction<Database>,
      p: OutboxEvents["account.registration_attempted"],
    ) {
      if (!delivery) return;
      const user = await liveUser(trx, p.userId);
      if (!user) return;
      await delivery.mailer.send({
        to: user.email,
        ...registrationAttemptMessage(
          user.display_name,
          siteLink(delivery, "/sign-in"),
          siteLink(delivery, "/forgot-password"),
        ),
      });
    },
    async "account.security_changed"(
      trx: Transaction<Database>,
      p: OutboxEvents["account.security_changed"],
    ) {
      if (!delivery) return;
      const user = await liveUser(trx, p.userId);
      if (!user) return;
      await delivery.mailer.send({
        to: user.email,
        ...securityChangedMessage(
          user.display_name,
          SECURITY_CHANGES[p.change](ROLE_LABELS[user.role].toLowerCase()),
          siteLink(delivery, "/account/two-factor"),
        ),
      });
    },
    async "account.changed"(trx: Transaction<Database>, p: OutboxEvents["account.changed"]) {
      if (!delivery) return;
      const user = await liveUser(trx, p.userId);
      if (!user) return;
      const change =
        p.change === "password"
          ? "The password of your Parley account was changed."
          : `The email address of your Parley account was changed to ${user.email}.`;
      await delivery.mailer.send({
        to: p.address,
        ...accountChangedMessage(user.display_name, change, siteLink(delivery, "/sign-in")),
      });
    },
  };
}
