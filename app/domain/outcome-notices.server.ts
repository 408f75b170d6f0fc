/**
 * Telling everyone involved about an outcome, after commit: the issue's followers and
 * everyone who took part (wrote a public post or supported an idea) hear about it; each
 * author whose contribution was coded to a theme the outcome answers hears "your point
 * about X was considered"; each other cited author hears "your contribution was cited".
 * One notification per person per event: the most specific one.
 */
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { OutboxEventContext } from "../jobs/outbox-worker.server";
import { deliver } from "./notifications.server";
import { OUTCOME_STATUS_LABEL } from "./outcome-labels";
import { publicPost, publishedPost } from "./policy";
import { consideredAuthors, listInWords } from "./analysis/outcome-themes.server";

async function audience(trx: Transaction<Database>, outcomeId: number) {
  const outcome = await trx
    .selectFrom("outcomes")
    .innerJoin("issues", "issues.id", "outcomes.issue_id")
    .select([
      "outcomes.id",
      "outcomes.title",
      "outcomes.status",
      "outcomes.progress",
      "outcomes.published_at",
      "outcomes.issue_id",
      "issues.title as issue_title",
    ])
    .where("outcomes.id", "=", outcomeId)
    .executeTakeFirst();
  if (!outcome?.published_at) return null;
  const [followers, authors, supporters, cited] = await Promise.all([
    trx
      .selectFrom("issue_follows")
      .select("user_id")
      .where("issue_id", "=", outcome.issue_id)
      .execute(),
    trx
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select("posts.author_id as user_id")
      .distinct()
      .where("threads.issue_id", "=", outcome.issue_id)
      .where(publicPost.where)
      .execute(),
    trx
      .selectFrom("supports")
      .innerJoin("threads", "threads.id", "supports.thread_id")
      .select("supports.user_id")
      .distinct()
      .where("threads.issue_id", "=", outcome.issue_id)
      .execute(),
    trx
      .selectFrom("outcome_citations")
      .innerJoin("posts", "posts.id", "outcome_citations.post_id")
      .select("posts.author_id as user_id")
      .distinct()
      .where("outcome_citations.outcome_id", "=", outcomeId)
      .where(publishedPost.where)
      .execute(),
  ]);
  const citedIds = new Set(cited.map((c) => c.user_id));
  const involved = [...followers, ...authors, ...supporters]
    .map((r) => r.user_id)
    .filter((id) => !citedIds.has(id));
  return { outcome, involved, cited: [...citedIds] };
}

/** "The council published an outcome on …" and "your contribution was cited". */
export async function fanOutOutcomePublished(
  trx: Transaction<Database>,
  payload: { outcomeId: number },
  event: OutboxEventContext,
): Promise<void> {
  const found = await audience(trx, payload.outcomeId);
  if (!found) return;
  const { outcome, involved, cited } = found;
  const href = `/outcomes/${outcome.id}`;
  // People with the same themes get the same words: one delivery per set of themes.
  const considered = await consideredAuthors(trx, outcome.id);
  const byThemes = new Map<string, { themes: string[]; people: number[] }>();
  for (const [userId, themes] of considered) {
    const key = JSON.stringify(themes);
    const group = byThemes.get(key) ?? { themes, people: [] };
    group.people.push(userId);
    byThemes.set(key, group);
  }
  for (const { themes, people } of byThemes.values()) {
    const about = listInWords(themes.map((name) => `“${name}”`));
    await deliver(trx, people, "considered", event, {
      text: `Your point about ${about} was considered in “${outcome.title}”, the council's response on “${outcome.issue_title}”: here is what we did`,
      href,
    });
  }
  await deliver(trx, involved, "outcome", event, {
    text: `You said, we did: the council published “${outcome.title}” on “${outcome.issue_title}” (${OUTCOME_STATUS_LABEL[outcome.status]})`,
    href,
  });
  await deliver(trx, cited, "cited", event, {
    text: `Your contribution was cited in “${outcome.title}”, the council's response on “${outcome.issue_title}”`,
    href,
  });
}

/** Progress on an outcome: its new status and percentage, to the same people. */
export async function fanOutOutcomeUpdated(
  trx: Transaction<Database>,
  payload: { outcomeId: number },
  event: OutboxEventContext,
): Promise<void> {
  const found = await audience(trx, payload.outcomeId);
  if (!found) return;
  const { outcome, involved, cited } = found;
  await deliver(trx, [...involved, ...cited], "outcome", event, {
    text: `Progress on “${outcome.title}”: ${OUTCOME_STATUS_LABEL[outcome.status]}, ${outcome.progress}% done`,
    href: `/outcomes/${outcome.id}`,
  });
}
