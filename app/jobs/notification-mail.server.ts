/**
 * Emails one notification, with a signed one-click unsubscribe link in the body and in
 * the List-Unsubscribe headers (RFC 2369 and RFC 8058), so mail clients offer it too.
 */
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { EMAIL_KIND_LABEL, isEmailKind } from "../domain/email-preferences.server";
import { renderNotifications, UNAVAILABLE_NOTIFICATION } from "../domain/notifications.server";
import { notificationMessage } from "../mail/messages";
import { signUnsubscribeToken } from "../mail/unsubscribe-tokens.server";
import type { OutboxEvents } from "./outbox.server";
import { siteLink, type MailDelivery } from "./mail-delivery.server";

export function createNotificationMailHandler(delivery: MailDelivery | null) {
  return async (trx: Transaction<Database>, payload: OutboxEvents["mail.notification"]) => {
    if (!delivery) return;
    const row = await trx
      .selectFrom("notifications")
      .innerJoin("users", "users.id", "notifications.user_id")
      .select([
        "notifications.kind",
        "notifications.payload",
        "notifications.user_id",
        "users.email",
        "users.display_name",
        "users.role as recipient_role",
      ])
      .where("notifications.id", "=", payload.notificationId)
      .where("users.deleted_at", "is", null)
      .where("users.email_verified_at", "is not", null)
      .executeTakeFirst();
    if (!row || !isEmailKind(row.kind)) return;
    // Rendered now, as the page would: what is no longer visible is not mailed either.
    const [notification] = await renderNotifications(trx, [row]);
    if (!notification || notification.href === UNAVAILABLE_NOTIFICATION.href) return;
    const token = signUnsubscribeToken(delivery.secret, row.user_id, row.kind);
    const unsubscribeUrl = siteLink(delivery, `/email/unsubscribe?token=${token}`);
    await delivery.mailer.send({
      to: row.email,
      ...notificationMessage({
        name: row.display_name,
        text: notification.text,
        url: siteLink(delivery, notification.href),
        kindLabel: EMAIL_KIND_LABEL[row.kind],
        unsubscribeUrl,
        preferencesUrl: siteLink(delivery, "/notifications/preferences"),
      }),
      headers: {
        "List-Unsubscribe": `<${unsubscribeUrl}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
  };
}
