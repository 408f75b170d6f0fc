/**
 * Which notifications also come by email. Four kinds are mailed straight away, on
 * by default, each switchable on the preferences page or by the one-click link in the
 * mail itself. Only confirmed addresses get mail.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database, NotificationKind } from "../../db/schema";
import { enqueueEvent } from "../jobs/outbox.server";
import { runTransaction } from "../../db/transaction";

export const EMAIL_KINDS = [
  "reply",
  "official_answer",
  "outcome",
  "considered",
] as const satisfies readonly NotificationKind[];
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_KIND_LABEL: Record<EmailKind, string> = {
  reply: "Email me when someone replies to me",
  official_answer: "Email me when a thread I follow gets an official answer",
  outcome: "Email me about outcomes on issues I follow or took part in",
  considered: "Email me when an outcome answers a point I made",
};

export function isEmailKind(kind: string): kind is EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(kind);
}

export async function listEmailedKinds(db: Kysely<Database>, userId: number): Promise<EmailKind[]> {
  const off = await db
    .selectFrom("email_preferences")
    .select("kind")
    .where("user_id", "=", userId)
    .where("enabled", "=", false)
    .execute();
  const disabled = new Set(off.map((row) => row.kind));
  return EMAIL_KINDS.filter((kind) => !disabled.has(kind));
}

export async function setEmailKind(
  db: Kysely<Database> | Transaction<Database>,
  userId: number,
  kind: EmailKind,
  enabled: boolean,
): Promise<void> {
  await db
    .insertInto("email_preferences")
    .values({ user_id: userId, kind, enabled })
    .onConflict((oc) =>
      oc.columns(["user_id", "kind"]).doUpdateSet({ enabled, updated_at: new Date() }),
    )
    .execute();
}

export async function setEmailedKinds(
  db: Kysely<Database>,
  userId: number,
  enabled: readonly EmailKind[],
): Promise<void> {
  await runTransaction(db, async (trx) => {
    for (const kind of EMAIL_KINDS) await setEmailKind(trx, userId, kind, enabled.includes(kind));
  });
}

/** Queues an email for each new notification whose recipient wants this kind by email. */
export async function queueNotificationEmails(
  trx: Transaction<Database>,
  kind: NotificationKind,
  notifications: readonly { id: number; user_id: number }[],
): Promise<void> {
  if (!isEmailKind(kind) || notifications.length === 0) return;
  const wanting = await trx
    .selectFrom("users")
    .select("id")
    .where(
      "id",
      "in",
      notifications.map((n) => n.user_id),
    )
    .where("email_verified_at", "is not", null)
    .where("deleted_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("email_preferences")
            .select("email_preferences.user_id")
            .whereRef("email_preferences.user_id", "=", "users.id")
            .where("email_preferences.kind", "=", kind)
            .where("email_preferences.enabled", "=", false),
        ),
      ),
    )
    .execute();
  const wanted = new Set(wanting.map((row) => row.id));
  for (const notification of notifications) {
    if (wanted.has(notification.user_id))
      await enqueueEvent(trx, "mail.notification", { notificationId: notification.id });
  }
}
