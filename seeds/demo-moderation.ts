/**
 * The moderation side of the demo: house rules, and a queue with something of each
 * kind in it (new-account holds, personal data, flags, a post hidden by flags, an
 * appeal for the second moderator), with the audit trail that led there.
 */
import { sql, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import { renderMarkdown } from "../app/markdown.server";
import { DEMO_ACCOUNTS } from "./accounts";

const HOUR_MS = 3_600_000;

export const HOUSE_RULES = [
  {
    title: "Be respectful",
    body: "Criticise ideas, not people. No insults, threats, harassment or name-calling, of residents or of staff.",
  },
  {
    title: "Keep personal information private",
    body: "Don't post phone numbers, home addresses, email addresses, or health, NHS or National Insurance details, yours or anyone else's. Contact the council privately for anything about your own case.",
  },
  {
    title: "Stay on the issue",
    body: "Each issue is about one local question. Start a new thread for something different, or tell the council through its usual channels.",
  },
  {
    title: "No advertising or spam",
    body: "No selling, canvassing for businesses, or posting the same thing again and again.",
  },
  {
    title: "Nothing unlawful",
    body: "No defamation, hate speech, or encouraging anyone to break the law. Don't discuss live court cases.",
  },
  {
    title: "Be yourself",
    body: "One account per person. Don't pretend to be someone else, including council staff.",
  },
] as const;

async function userId(trx: Transaction<Database>, email: string): Promise<number> {
  const row = await trx
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return row.id;
}

function demoEmail(role: string, index = 0): string {
  return DEMO_ACCOUNTS.filter((a) => a.role === role)[index]?.email ?? "";
}

/** Seeds the rules and the queue; returns how many posts it added. */
export async function seedDemoModeration(trx: Transaction<Database>, now: Date): Promise<number> {
  let posts = 0;
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  const ruleIds: number[] = [];
  for (const [index, rule] of HOUSE_RULES.entries()) {
    const row = await trx
      .insertInto("house_rules")
      .values({
        position: index + 1,
        title: rule.title,
        body_md: rule.body,
        body_html: renderMarkdown(rule.body),
        updated_at: ago(24 * 90),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ruleIds.push(row.id);
  }
  const [respectful, privateInfo] = ruleIds;
  const moderator = await userId(trx, demoEmail("moderator"));

  const threadsOf = (slug: string) =>
    trx
      .selectFrom("threads")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select("threads.id")
      .where("issues.slug", "=", slug)
      .where("threads.status", "=", "published")
      .orderBy("threads.id")
      .limit(2)
      .execute();
  const [first] = await threadsOf("library-opening-hours");
  const [second, third] = await threadsOf("resurfacing-mill-lane");
  if (!first || !second || !third) return posts;

  // A newcomer whose first posts wait for a moderator.
  const newcomer = await trx
    .insertInto("users")
    .values({
      email: "casey.newman@residents.example",
      display_name: "Casey Newman",
      password_hash: null,
      role: "resident",
      trust_level: 0,
      created_at: ago(5),
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  async function addPost(
    threadId: number,
    authorId: number,
    body: string,
    status: "pending" | "published" | "hidden" | "rejected",
    at: Date,
  ): Promise<number> {
    const post = await trx
      .insertInto("posts")
      .values({
        thread_id: threadId,
        author_id: authorId,
        body_md: body,
        body_html: renderMarkdown(body),
        status,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    posts += 1;
    return post.id;
  }

  async function audit(
    actorId: number | null,
    action: string,
    targetType: string,
    targetId: number,
    reason: string | null,
    at: Date,
  ) {
    await trx
      .insertInto("moderation_actions")
      .values({
        actor_id: actorId,
        action,
        target_type: targetType,
        target_id: targetId,
        reason,
        created_at: at,
      })
      .execute();
  }

  const held = [
    {
      thread: first.id,
      body: "Could the library open until 8pm on Thursdays? I work late.",
      hours: 4,
    },
    {
      thread: second.id,
      body: "Agree with the others, the surface by the school is dangerous.",
      hours: 3,
    },
  ];
  for (const post of held) {
    const postId = await addPost(post.thread, newcomer.id, post.body, "pending", ago(post.hours));
    await trx
      .insertInto("moderation_items")
      .values({
        post_id: postId,
        source: "rule",
        reasons: ["new_account"],
        created_at: ago(post.hours),
      })
      .execute();
    await audit(null, "hold", "post", postId, "new_account", ago(post.hours));
  }

  const residents = await trx
    .selectFrom("users")
    .select("id")
    .where("role", "=", "resident")
    .where("password_hash", "is", null)
    .where("trust_level", ">", 0)
    .orderBy("id")
    .limit(6)
    .execute();
  const [r1, r2, r3, r4, r5] = residents.map((r) => r.id);
  if (!r1 || !r2 || !r3 || !r4 || !r5) return posts;

  // Personal data, held by the rules.
  const phone = await addPost(
    third.id,
    r1,
    "Ring me on 07700 900461 and I'll show you the flooding by number 12.",
    "pending",
    ago(2),
  );
  await trx
    .insertInto("moderation_items")
    .values({ post_id: phone, source: "rule", reasons: ["personal_data"], created_at: ago(2) })
    .execute();
  await audit(null, "hold", "post", phone, "personal_data", ago(2));

  // Flagged twice: still public, waiting for a look.
  const rude = await addPost(
    first.id,
    r2,
    "Anyone who disagrees with this is an idiot, frankly.",
    "published",
    ago(20),
  );
  await trx
    .updateTable("threads")
    .set((eb) => ({
      reply_count: eb("reply_count", "+", 1),
      last_post_at: sql<Date>`greatest(last_post_at, ${ago(20)})`,
    }))
    .where("id", "=", first.id)
    .execute();
  for (const [index, flagger] of [r3, r4].entries()) {
    await trx
      .insertInto("flags")
      .values({
        post_id: rude,
        user_id: flagger,
        reason: "abusive",
        note: null,
        weight: 1,
        created_at: ago(19 - index),
      })
      .execute();
  }
  await trx
    .insertInto("moderation_items")
    .values({
      post_id: rude,
      source: "flag",
      reasons: ["abusive"],
      flag_score: 2,
      created_at: ago(19),
    })
    .execute();

  // Rejected by the first moderator, appealed: the second moderator should decide.
  const rejected = await addPost(
    second.id,
    r5,
    "The contractor's foreman lives at 4 Brook Close, go and ask him.",
    "rejected",
    ago(30),
  );
  const original = await trx
    .insertInto("moderation_items")
    .values({
      post_id: rejected,
      source: "rule",
      reasons: ["personal_data"],
      status: "rejected",
      decided_by: moderator,
      decided_at: ago(28),
      decision_note: "Please don't post where people live.",
      house_rule_id: privateInfo ?? null,
      version: 2,
      created_at: ago(30),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(null, "hold", "post", rejected, "personal_data", ago(30));
  await audit(
    moderator,
    "reject",
    "item",
    original.id,
    "House rule: Keep personal information private",
    ago(28),
  );
  const appeal = await trx
    .insertInto("moderation_items")
    .values({
      post_id: rejected,
      source: "appeal",
      reasons: ["personal_data"],
      appeal_of_id: original.id,
      appeal_note: "It's the site office address, not his home. Everyone knows it.",
      excluded_moderator_id: moderator,
      created_at: ago(6),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(
    r5,
    "appeal",
    "item",
    appeal.id,
    "It's the site office address, not his home.",
    ago(6),
  );

  // An earlier warning, in the record.
  await trx
    .insertInto("sanctions")
    .values({
      user_id: r2,
      kind: "warn",
      reason: "Please keep it civil: criticise the plan, not the people.",
      house_rule_id: respectful ?? null,
      created_by: moderator,
      created_at: ago(24 * 10),
    })
    .execute();
  await audit(
    moderator,
    "warn",
    "user",
    r2,
    "Please keep it civil: criticise the plan, not the people.",
    ago(24 * 10),
  );
  return posts;
}
