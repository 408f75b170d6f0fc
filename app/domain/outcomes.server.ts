/**
 * "You said, we did": outcomes that close the loop on an issue. An officer drafts one
 * (citing what residents wrote), previews it exactly as the public will see it, and
 * publishes it; from then on every change is a public revision, and publishing and
 * every status change reach followers, participants and cited authors via the outbox.
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
import { getParticipation, type Participation } from "./issues.server";
import { OUTCOME_STATUS_LABEL } from "./outcome-labels";
import { openingPostIdOf } from "./opening-post.server";
import { runTransaction } from "../../db/transaction";
import { FORMER_PARTICIPANT } from "./account-labels";
import { issueAwaitingOutcome, publicPost, publicThread, publishedThread } from "./policy";

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
    const participation: Participation = await getParticipation(trx, outcome.issue_id);
    await trx
      .updateTable("outcomes")
      .set({ published_at: now, participation: JSON.stringify(participation), updated_at: now })
      .where("id", "=", outcomeId)
      .execute();
    await trx
      .updateTable("issues")
      .set({ status: "responded", updated_at: now })
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

export interface CitationView {
  postId: number;
  /** Null when the contribution is no longer public: its text is never shown. */
  post: { authorName: string; bodyHtml: string; threadTitle: string; threadId: number } | null;
}

export interface OutcomeView {
  id: number;
  title: string;
  status: OutcomeStatus;
  statusReason: string | null;
  progress: number;
  youSaidHtml: string;
  youSaidMd: string;
  weDidHtml: string;
  weDidMd: string;
  nextSteps: NextStep[];
  team: string;
  participation: Participation | null;
  publishedAt: Date | null;
  updatedAt: Date;
  version: number;
  issue: { id: number; slug: string; title: string; areaName: string };
  /**
   * The idea the outcome is about: its title and link only while the thread is public;
   * "unavailable" once it was hidden or removed (the wording citations use); null when
   * the outcome is about the whole issue.
   */
  thread: { id: number; title: string } | "unavailable" | null;
  citations: CitationView[];
  revisions: { team: string; summary: string; createdAt: Date }[];
}

/** One outcome: published ones for everyone, drafts for officers only. */
export async function getOutcome(
  db: Kysely<Database>,
  viewer: Viewer | null,
  outcomeId: number,
): Promise<OutcomeView> {
  const row = await db
    .selectFrom("outcomes")
    .innerJoin("issues", "issues.id", "outcomes.issue_id")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .leftJoin("threads", "threads.id", "outcomes.thread_id")
    .selectAll("outcomes")
    .select((eb) => [
      "issues.slug as issue_slug",
      "issues.title as issue_title",
      "areas.name as area_name",
      "threads.title as thread_title",
      publicThread.where(eb).as("thread_public"),
    ])
    .where("outcomes.id", "=", outcomeId)
    .executeTakeFirst();
  if (!row || (!row.published_at && !can(viewer, "create:issue:any"))) {
    throw new NotFoundError("We couldn't find that outcome.");
  }
  const [citations, revisions] = await Promise.all([
    db
      .selectFrom("outcome_citations")
      .innerJoin("posts", "posts.id", "outcome_citations.post_id")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .innerJoin("users", "users.id", "posts.author_id")
      .select((eb) => [
        "posts.id",
        publicPost.where(eb).as("public"),
        "posts.body_html",
        "threads.id as thread_id",
        "threads.title as thread_title",
        "users.display_name",
        "users.deleted_at",
      ])
      .where("outcome_citations.outcome_id", "=", outcomeId)
      .orderBy("posts.id")
      .execute(),
    db
      .selectFrom("outcome_revisions")
      .select(["team", "summary", "created_at as createdAt"])
      .where("outcome_id", "=", outcomeId)
      .orderBy("id", "desc")
      .execute(),
  ]);
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    statusReason: row.status_reason,
    progress: row.progress,
    youSaidHtml: row.you_said_html,
    youSaidMd: row.you_said_md,
    weDidHtml: row.we_did_html,
    weDidMd: row.we_did_md,
    nextSteps: row.next_steps,
    team: row.team,
    participation: (row.participation as Participation | null) ?? null,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    version: row.version,
    issue: {
      id: row.issue_id,
      slug: row.issue_slug,
      title: row.issue_title,
      areaName: row.area_name,
    },
    thread: !row.thread_id
      ? null
      : row.thread_public && row.thread_title
        ? { id: row.thread_id, title: row.thread_title }
        : "unavailable",
    citations: citations.map((c) => ({
      postId: c.id,
      post: c.public
        ? {
            authorName: c.deleted_at ? FORMER_PARTICIPANT : c.display_name,
            bodyHtml: c.body_html,
            threadTitle: c.thread_title,
            threadId: c.thread_id,
          }
        : null,
    })),
    revisions,
  };
}

/** The issue's public ideas, for an outcome about one of them. */
export function listIdeas(
  db: Kysely<Database>,
  issueId: number,
): Promise<{ id: number; title: string }[]> {
  return db
    .selectFrom("threads")
    .select(["threads.id", "threads.title"])
    .where("threads.issue_id", "=", issueId)
    .where("threads.kind", "=", "idea")
    .where(publishedThread.where)
    .orderBy("threads.support_count", "desc")
    .orderBy("threads.id")
    .limit(200)
    .execute();
}

export interface CitablePost {
  id: number;
  threadTitle: string;
  authorName: string;
  excerpt: string;
  opening: boolean;
}

/** Public posts of an issue an officer may cite, thread by thread. */
export async function listCitablePosts(
  db: Kysely<Database>,
  issueId: number,
): Promise<CitablePost[]> {
  const rows = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.id",
      "threads.title as threadTitle",
      "users.display_name as authorName",
      "posts.body_md",
      openingPostIdOf("threads.id").as("opening_id"),
    ])
    .where("threads.issue_id", "=", issueId)
    .where(publicPost.where)
    .orderBy("threads.id")
    .orderBy("posts.id")
    .limit(300)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    threadTitle: row.threadTitle,
    authorName: row.authorName,
    excerpt: row.body_md.length > 160 ? `${row.body_md.slice(0, 160)}…` : row.body_md,
    opening: row.opening_id === row.id,
  }));
}

export interface OutcomeListItem {
  id: number;
  title: string;
  status: OutcomeStatus;
  progress: number;
  publishedAt: Date;
  updatedAt: Date;
  team: string;
  weDidHtml: string;
  issueSlug: string;
  issueTitle: string;
  areaName: string;
  areaSlug: string;
  categoryName: string;
}

export const OUTCOMES_PER_PAGE = 20;

/** Published outcomes, newest first, filtered by area, category and status (keyset). */
export async function listOutcomes(
  db: Kysely<Database>,
  filters: {
    areaSlug?: string | null;
    categorySlug?: string | null;
    status?: OutcomeStatus | null;
    issueId?: number | null;
    beforeId?: number | null;
    limit?: number;
  },
): Promise<{ outcomes: OutcomeListItem[]; nextBeforeId: number | null }> {
  const limit = filters.limit ?? OUTCOMES_PER_PAGE;
  let query = db
    .selectFrom("outcomes")
    .innerJoin("issues", "issues.id", "outcomes.issue_id")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .innerJoin("categories", "categories.id", "issues.category_id")
    .select([
      "outcomes.id",
      "outcomes.title",
      "outcomes.status",
      "outcomes.progress",
      "outcomes.published_at",
      "outcomes.updated_at as updatedAt",
      "outcomes.team",
      "outcomes.we_did_html as weDidHtml",
      "issues.slug as issueSlug",
      "issues.title as issueTitle",
      "areas.name as areaName",
      "areas.slug as areaSlug",
      "categories.name as categoryName",
    ])
    .where("outcomes.published_at", "is not", null);
  if (filters.areaSlug) query = query.where("areas.slug", "=", filters.areaSlug);
  if (filters.categorySlug) query = query.where("categories.slug", "=", filters.categorySlug);
  if (filters.status) query = query.where("outcomes.status", "=", filters.status);
  if (filters.issueId) query = query.where("outcomes.issue_id", "=", filters.issueId);
  if (filters.beforeId) query = query.where("outcomes.id", "<", filters.beforeId);
  const rows = await query
    .orderBy("outcomes.published_at", "desc")
    .orderBy("outcomes.id", "desc")
    .limit(limit + 1)
    .execute();
  const outcomes = rows.slice(0, limit).map((r) => ({
    ...r,
    publishedAt: r.published_at ?? r.updatedAt,
  }));
  return {
    outcomes,
    nextBeforeId: rows.length > limit ? (outcomes.at(-1)?.id ?? null) : null,
  };
}

export interface IssueOutcome {
  id: number;
  title: string;
  status: OutcomeStatus;
  progress: number;
  publishedAt: Date | null;
  revisions: { summary: string; createdAt: Date }[];
}

/** Drafts and published outcomes of one issue, for its page (drafts for officers only). */
export async function listIssueOutcomes(
  db: Kysely<Database>,
  viewer: Viewer | null,
  issueId: number,
): Promise<IssueOutcome[]> {
  let query = db
    .selectFrom("outcomes")
    .select(["id", "title", "status", "progress", "published_at as publishedAt"])
    .where("issue_id", "=", issueId);
  if (!can(viewer, "create:issue:any")) query = query.where("published_at", "is not", null);
  const outcomes = await query.orderBy("id").execute();
  const revisions = outcomes.length
    ? await db
        .selectFrom("outcome_revisions")
        .select(["outcome_id", "summary", "created_at as createdAt"])
        .where(
          "outcome_id",
          "in",
          outcomes.map((o) => o.id),
        )
        .orderBy("id")
        .execute()
    : [];
  return outcomes.map((o) => ({
    ...o,
    revisions: revisions.filter((r) => r.outcome_id === o.id),
  }));
}

/** Which published outcomes cite each of these posts, for "cited in" links. */
export async function citationsOfPosts(
  db: Kysely<Database>,
  postIds: number[],
): Promise<Map<number, { id: number; title: string }[]>> {
  const map = new Map<number, { id: number; title: string }[]>();
  if (postIds.length === 0) return map;
  // Two small lookups, each straight down an index: citations by post, then outcomes by id.
  const citations = await db
    .selectFrom("outcome_citations")
    .select(["post_id", "outcome_id"])
    .where("post_id", "in", postIds)
    .execute();
  if (citations.length === 0) return map;
  const outcomes = await db
    .selectFrom("outcomes")
    .select(["id", "title"])
    .where("id", "in", [...new Set(citations.map((c) => c.outcome_id))])
    .where("published_at", "is not", null)
    .execute();
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const rows = citations.flatMap((c) => {
    const outcome = byId.get(c.outcome_id);
    return outcome ? [{ post_id: c.post_id, id: outcome.id, title: outcome.title }] : [];
  });
  for (const row of rows) {
    map.set(row.post_id, [...(map.get(row.post_id) ?? []), { id: row.id, title: row.title }]);
  }
  return map;
}

export interface AwaitingOutcome {
  slug: string;
  title: string;
  areaName: string;
  closesAt: Date;
  dueAt: Date;
  overdue: boolean;
}

const WEEK_MS = 7 * 86_400_000;

/** When a response to a closed consultation is due: closing plus N weeks (UK practice: 12). */
export function responseDueAt(closesAt: Date, weeks: number): Date {
  return new Date(closesAt.getTime() + weeks * WEEK_MS);
}

/** Closed issues with no published outcome, soonest due first: the officers' to-do list. */
export async function listAwaitingOutcome(
  db: Kysely<Database>,
  now: Date,
  weeks: number,
): Promise<AwaitingOutcome[]> {
  const rows = await db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .select(["issues.slug", "issues.title", "areas.name as areaName", "issues.closes_at"])
    .where(issueAwaitingOutcome(now).where)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("outcomes")
            .select("outcomes.id")
            .whereRef("outcomes.issue_id", "=", "issues.id")
            .where("outcomes.published_at", "is not", null),
        ),
      ),
    )
    .orderBy("issues.closes_at")
    .limit(200)
    .execute();
  return rows.map((row) => {
    const dueAt = responseDueAt(row.closes_at, weeks);
    return {
      slug: row.slug,
      title: row.title,
      areaName: row.areaName,
      closesAt: row.closes_at,
      dueAt,
      overdue: dueAt < now,
    };
  });
}
