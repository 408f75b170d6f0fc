/**
 * Writing "you said, we did": an officer drafts an outcome citing what residents wrote,
 * changes it (every change after publishing is a public revision in words), and
 * publishes it, which sets the issue to responded and tells everyone involved (outbox).
 */
import type { Kysely, Transaction } from "kysely";
import type { Database, NextStep, OutcomeStatus } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { enqueueEvent } from "../jobs/outbox.server";
import { enqueueSearchSync } from "../jobs/search-sync.server";
import { renderMarkdown } from "../markdown.server";
import { can } from "../permissions";
import type { OutcomeInput } from "../schemas/outcomes";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "./errors";
import { countParticipation, type Participation } from "./issue-participation.server";
import { OUTCOME_STATUS_LABEL } from "./outcome-labels";
import { runTransaction } from "../../db/transaction";
import { closedEarlyAtOnResponse, publicPost } from "./policy";
import { replaceOutcomeThemes, snapshotOutcomeThemes } from "./analysis/outcome-themes.server";

function assertOfficer(actor: Viewer): void {
  if (!can(actor, "create:issue:any"))
    throw new ForbiddenError("Only council officers can write outcomes.");
}

/** Cited posts must belong to the outcome's issue (and thread, when it has one). */
async function assertCitable(
  trx: Transaction<Database>,
  issueId: number,
  postIds: number[],
): Promise<void> {
  if (postIds.length === 0) return;
  const rows = await trx
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select("posts.id")
    .where("posts.id", "in", postIds)
    .where("threads.issue_id", "=", issueId)
    .execute();
  if (rows.length !== postIds.length) {
    throw new InvalidInputError("Some citations are not posts of this issue.", {
      cite: "Choose posts from this issue",
    });
  }
}

async function replaceCitations(
  trx: Transaction<Database>,
  outcomeId: number,
  postIds: number[],
): Promise<void> {
  await trx.deleteFrom("outcome_citations").where("outcome_id", "=", outcomeId).execute();
  if (postIds.length) {
    await trx
      .insertInto("outcome_citations")
      .values(postIds.map((postId) => ({ outcome_id: outcomeId, post_id: postId })))
      .execute();
  }
}

function contentOf(input: OutcomeInput) {
  return {
    title: input.title,
    status: input.status,
    status_reason: input.statusReason,
    progress: input.progress,
    you_said_md: input.youSaid,
    you_said_html: renderMarkdown(input.youSaid),
    we_did_md: input.weDid,
    we_did_html: renderMarkdown(input.weDid),
    next_steps: JSON.stringify(input.nextSteps),
    team: input.team,
  };
}

/** Starts a draft outcome for an issue (optionally for one of its idea threads). */
export async function draftOutcome(
  db: Kysely<Database>,
  actor: Viewer,
  issueSlug: string,
  input: OutcomeInput & { threadId?: number | null },
  citations: number[],
  now: Date,
  /** The analysis themes the outcome answers (from "start from themes"). */
  themeIds: number[] = [],
): Promise<number> {
  assertOfficer(actor);
  return runTransaction(db, async (trx) => {
    const issue = await trx
      .selectFrom("issues")
      .select(["id"])
      .where("slug", "=", issueSlug)
      .executeTakeFirst();
    if (!issue) throw new NotFoundError("We couldn't find that issue.");
    await assertCitable(trx, issue.id, citations);
    if (input.threadId) {
      const idea = await trx
        .selectFrom("threads")
        .select("id")
        .where("id", "=", input.threadId)
        .where("issue_id", "=", issue.id)
        .where("kind", "=", "idea")
        .executeTakeFirst();
      if (!idea)
        throw new InvalidInputError("Choose an idea from this issue.", {
          threadId: "Choose an idea from this issue",
        });
    }
    const row = await trx
      .insertInto("outcomes")
      .values({
        issue_id: issue.id,
        thread_id: input.threadId ?? null,
        ...contentOf(input),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceCitations(trx, row.id, citations);
    await replaceOutcomeThemes(trx, row.id, issue.id, themeIds);
    return row.id;
  });
}

/** What changed between two versions, in words for the public changelog. */
function describeChanges(
  before: {
    title: string;
    status: OutcomeStatus;
    progress: number;
    you_said_md: string;
    we_did_md: string;
    next_steps: NextStep[];
    team: string;
  },
  after: OutcomeInput,
  citationsChanged: boolean,
): string[] {
  const changes: string[] = [];
  if (before.status !== after.status)
    changes.push(
      `Status: ${OUTCOME_STATUS_LABEL[before.status]} → ${OUTCOME_STATUS_LABEL[after.status]}`,
    );
  if (before.progress !== after.progress)
    changes.push(`Progress: ${before.progress}% → ${after.progress}%`);
  if (before.title !== after.title) changes.push("Title changed");
  if (before.you_said_md !== after.youSaid) changes.push("“You said” updated");
  if (before.we_did_md !== after.weDid) changes.push("“We did” updated");
  const steps = (list: NextStep[]) =>
    list.map((step) => `${step.due ?? ""}|${step.text}`).join("\n");
  if (steps(before.next_steps) !== steps(after.nextSteps)) changes.push("Next steps updated");
  if (before.team !== after.team) changes.push(`Responsible team: ${after.team}`);
  if (citationsChanged) changes.push("Citations updated");
  return changes;
}

/**
 * Saves the editor. A draft is simply replaced; a published outcome keeps a public
 * revision of what changed, and a change of status or progress tells everyone involved.
 */
export async function updateOutcome(
  db: Kysely<Database>,
  actor: Viewer,
  outcomeId: number,
  input: OutcomeInput,
  citations: number[],
  now: Date,
  /** The analysis themes the outcome answers; null leaves them as they are. */
  themeIds: number[] | null = null,
): Promise<void> {
  assertOfficer(actor);
  await runTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("outcomes")
      .selectAll()
      .where("id", "=", outcomeId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new NotFoundError("We couldn't find that outcome.");
    if (input.version !== null && input.version !== before.version) {
      throw new ConflictError(
        "Someone else changed this outcome since you opened it. Reload to see their version.",
      );
    }
    await assertCitable(trx, before.issue_id, citations);
    const previous = await trx
      .selectFrom("outcome_citations")
      .select("post_id")
      .where("outcome_id", "=", outcomeId)
      .execute();
    const citationsChanged =
      JSON.stringify(previous.map((c) => c.post_id).sort()) !==
      JSON.stringify([...citations].sort());
    if (before.published_at) {
      await assertCitationsAvailable(trx, citations);
    }
    await trx
      .updateTable("outcomes")
      .set({ ...contentOf(input), version: before.version + 1, updated_at: now })
      .where("id", "=", outcomeId)
      .execute();
    await replaceCitations(trx, outcomeId, citations);
    if (themeIds !== null) {
      await replaceOutcomeThemes(trx, outcomeId, before.issue_id, themeIds);
      if (before.published_at) await snapshotOutcomeThemes(trx, outcomeId);
    }
    if (!before.published_at) return;
    await enqueueSearchSync(trx, { kind: "issue", id: before.issue_id });
    const changes = describeChanges(before, input, citationsChanged);
    if (changes.length === 0) return;
    await trx
      .insertInto("outcome_revisions")
      .values({
        outcome_id: outcomeId,
        team: input.team,
        summary: changes.join("; "),
        created_at: now,
      })
      .execute();
    if (before.status !== input.status || before.progress !== input.progress) {
      await enqueueEvent(trx, "outcome.updated", { outcomeId });
    }
  });
}

/** Refuses citations of anything the public can no longer see, naming them. */
async function assertCitationsAvailable(
  trx: Transaction<Database>,
  postIds: number[],
): Promise<void> {
  if (postIds.length === 0) return;
  const rows = await trx
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select((eb) => ["posts.id", publicPost.where(eb).as("public")])
    .where("posts.id", "in", postIds)
    .execute();
  const gone = rows.filter((r) => !r.public);
  if (gone.length) {
    throw new ConflictError(
      `${gone.length === 1 ? "One cited contribution is" : `${gone.length} cited contributions are`} no longer public (held, hidden or deleted). Remove ${gone.length === 1 ? "it" : "them"} from the citations before publishing.`,
    );
  }
}

/**
 * Publishes a draft: citations must all still be public, participation is snapshotted,
 * the issue becomes "responded", and everyone involved is told (after commit).
 */
export async function publishOutcome(
  db: Kysely<Database>,
  actor: Viewer,
  outcomeId: number,
  now: Date,
): Promise<void> {
  assertOfficer(actor);
  await runTransaction(db, async (trx) => {
    const outcome = await trx
      .selectFrom("outcomes")
      .select(["id", "issue_id", "published_at", "team"])
      .where("id", "=", outcomeId)
      .forUpdate()
      .executeTakeFirst();
    if (!outcome) throw new NotFoundError("We couldn't find that outcome.");
    if (outcome.published_at) throw new ConflictError("This outcome is already published.");
    const cited = await trx
      .selectFrom("outcome_citations")
      .select("post_id")
      .where("outcome_id", "=", outcomeId)
      .execute();
    await assertCitationsAvailable(
      trx,
      cited.map((c) => c.post_id),
    );
    const participation: Participation = await countParticipation(trx, outcome.issue_id);
    await snapshotOutcomeThemes(trx, outcomeId);
    await trx
      .updateTable("outcomes")
      .set({ published_at: now, participation: JSON.stringify(participation), updated_at: now })
      .where("id", "=", outcomeId)
      .execute();
    await trx
      .updateTable("issues")
      .set({ status: "responded", closed_early_at: closedEarlyAtOnResponse(now), updated_at: now })
      .where("id", "=", outcome.issue_id)
      .execute();
    await trx
      .insertInto("outcome_revisions")
      .values({ outcome_id: outcomeId, team: outcome.team, summary: "Published", created_at: now })
      .execute();
    await enqueueEvent(trx, "outcome.published", { outcomeId });
    await enqueueSearchSync(trx, { kind: "issue", id: outcome.issue_id });
  });
}
