/**
 * Telling people about moderation, after commit, through the outbox: authors hear every
 * decision about their posts (with the house rule and how to appeal), flaggers hear how
 * their flag ended, officers hear when their advice is wanted, and a sanctioned person
 * hears what happened to their account and why.
 */
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { OutboxEventContext } from "../jobs/outbox-worker.server";
import { deliver } from "./notifications.server";
import { formatUntil } from "./participation.server";

async function loadItem(trx: Transaction<Database>, itemId: number) {
  return trx
    .selectFrom("moderation_items as item")
    .innerJoin("posts", "posts.id", "item.post_id")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .leftJoin("house_rules", "house_rules.id", "item.house_rule_id")
    .select([
      "item.id",
      "item.source",
      "item.status",
      "item.decision_note",
      "item.escalated_to",
      "posts.id as post_id",
      "posts.author_id",
      "threads.id as thread_id",
      "threads.title",
      "house_rules.title as rule_title",
    ])
    .where("item.id", "=", itemId)
    .executeTakeFirst();
}

function withNote(text: string, note: string | null): string {
  // Braces would read as placeholders when the text is rendered (see renderNotificationText).
  return note ? `${text} The moderator added: “${note.replace(/[{}]/g, "")}”` : text;
}

/** What a moderation notice names: rendered when read, under the visibility of that time. */
const refsOf = (item: { post_id: number; thread_id: number }) => ({
  postId: item.post_id,
  threadId: item.thread_id,
});

/** "Your post was hidden after residents flagged it." */
export async function fanOutAutoHidden(
  trx: Transaction<Database>,
  payload: { itemId: number },
  event: OutboxEventContext,
): Promise<void> {
  const item = await loadItem(trx, payload.itemId);
  if (!item) return;
  await deliver(trx, [item.author_id], "moderation", event, {
    text: "Your post in “{thread}” is hidden after several residents flagged it. A moderator will review it.",
    href: `/posts/${item.post_id}/review`,
    refs: refsOf(item),
  });
}

/** The decision, to the author; and to everyone who flagged the post, how it ended. */
export async function fanOutModerationDecision(
  trx: Transaction<Database>,
  payload: { itemId: number },
  event: OutboxEventContext,
): Promise<void> {
  const item = await loadItem(trx, payload.itemId);
  if (!item || item.status === "open") return;
  const where = "“{thread}”";
  const rule = item.rule_title ? `house rule “${item.rule_title}”` : "our house rules";
  let text: string | null = null;
  if (item.source === "appeal") {
    text =
      item.status === "rejected"
        ? `Your appeal about your post in ${where} was turned down: it breaks ${rule}. This decision is final.`
        : `Your appeal succeeded: your post in ${where} is public again. This decision is final.`;
  } else if (item.status === "approved" && item.source === "rule") {
    text = `Your post in ${where} was approved and is now public.`;
  } else if (item.status === "edited") {
    text = `A moderator edited your post in ${where} before making it public.`;
  } else if (item.status === "rejected") {
    text = `Your post in ${where} was not published: it breaks ${rule}. You can appeal once.`;
  } else if (item.status === "hidden") {
    text = `Your post in ${where} was hidden: it breaks ${rule}. You can appeal once.`;
  } else if (item.status === "ignored") {
    text = `Your post in ${where} was reviewed after flags and stays public.`;
  }
  if (text) {
    await deliver(trx, [item.author_id], "moderation", event, {
      text: withNote(text, item.decision_note),
      href:
        item.status === "approved" || item.status === "ignored"
          ? `/posts/${item.post_id}`
          : `/posts/${item.post_id}/review`,
      refs: refsOf(item),
    });
  }
  if (item.source !== "flag") return;
  const flaggers = await trx
    .selectFrom("flags")
    .select("user_id")
    .where("post_id", "=", item.post_id)
    .where("resolved_at", "is not", null)
    .execute();
  const upheld = item.status === "hidden" || item.status === "edited";
  await deliver(
    trx,
    flaggers.map((f) => f.user_id),
    "flag_resolved",
    event,
    {
      text: upheld
        ? `Thank you for flagging a post in ${where}: a moderator agreed and ${item.status === "hidden" ? "hid it" : "edited it"}.`
        : `Thank you for flagging a post in ${where}: a moderator reviewed it and decided it can stay.`,
      href: `/threads/${item.thread_id}`,
      refs: { threadId: item.thread_id },
    },
  );
}

/** A moderator wants an officer's view on an item. */
export async function fanOutEscalation(
  trx: Transaction<Database>,
  payload: { itemId: number },
  event: OutboxEventContext,
): Promise<void> {
  const item = await loadItem(trx, payload.itemId);
  if (!item?.escalated_to || item.status !== "open") return;
  await deliver(trx, [item.escalated_to], "escalation", event, {
    text: "A moderator asks for your advice on a post in “{thread}”.",
    href: `/moderation/items/${item.id}`,
    refs: refsOf(item),
  });
}

/** A warning, suspension, ban or its lifting, to the person concerned. */
export async function fanOutSanction(
  trx: Transaction<Database>,
  payload: { sanctionId: number; lifted: boolean },
  event: OutboxEventContext,
): Promise<void> {
  const sanction = await trx
    .selectFrom("sanctions")
    .select(["user_id", "kind", "until", "reason"])
    .where("id", "=", payload.sanctionId)
    .executeTakeFirst();
  if (!sanction) return;
  const text = payload.lifted
    ? "A moderator lifted the restriction on your account: you can take part again."
    : sanction.kind === "warn"
      ? `A moderator has warned you: “${sanction.reason}”. Please read the house rules.`
      : sanction.kind === "suspend" && sanction.until
        ? `Your account is suspended until ${formatUntil(sanction.until)}: “${sanction.reason}”. You can still read.`
        : `Your account has been banned: “${sanction.reason}”. You can still read.`;
  await deliver(trx, [sanction.user_id], "moderation", event, { text, href: "/house-rules" });
}
