/**
 * Parley's public content as datasets: issues (with the GOV.UK consultation fields),
 * threads, posts and published outcomes. The same reads serve the open-data downloads
 * (every row, batch by batch) and the JSON API (a page after a cursor). Public content
 * only, through the policy module; people appear only as pseudonymous ids, the same for
 * one person everywhere in the data and meaningless outside it (HMAC with the site's
 * secret). Field names follow British Columbia's draft OpenConsult schema and GOV.UK's
 * consultation format where they fit (opening_date, closing_date, response_due_date,
 * outcome_published_date).
 */
import { createHmac } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { responseDueAt } from "../outcome-deadlines.server";
import { issueClosedAt, issuePhase, publicIssue, publicPost, publicThread } from "../policy";

export const DATASET_NAMES = ["issues", "threads", "posts", "outcomes"] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface FieldDefinition {
  name: string;
  type: "integer" | "string" | "boolean" | "date-time" | "date" | "url" | "markdown" | "json";
  description: string;
  nullable?: boolean;
  /** For json fields: the JSON Schema of the value (the API document uses it). */
  schema?: Record<string, unknown>;
}

export interface DatasetContext {
  secret: string;
  origin: string;
  now: Date;
  responseWeeks: number;
}

/** Narrows a dataset to one parent: an area's issues, an issue's threads, a thread's posts. */
export interface DatasetFilter {
  areaId?: number;
  issueId?: number;
  threadId?: number;
}

export interface Dataset<R extends { id: number }> {
  name: DatasetName;
  title: string;
  description: string;
  fields: FieldDefinition[];
  /** Up to `limit` rows with id > `afterId`, in id order. */
  read(
    db: Kysely<Database>,
    context: DatasetContext,
    options: { afterId: number; limit: number; filter?: DatasetFilter },
  ): Promise<R[]>;
}

/** A person in the data: stable across datasets, not reversible without the site's secret. */
export function personPseudonym(secret: string, userId: number): string {
  return `P-${createHmac("sha256", secret).update(`open-data:${userId}`).digest("hex").slice(0, 12)}`;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export interface IssueRecord {
  id: number;
  slug: string;
  url: string;
  title: string;
  summary: string;
  area: string;
  category: string;
  team: string | null;
  status: string;
  opening_date: string;
  closing_date: string;
  response_due_date: string;
  outcome_published_date: string | null;
}

const issues: Dataset<IssueRecord> = {
  name: "issues",
  title: "Issues (consultations)",
  description:
    "Every public issue residents can discuss, with its consultation window and when its outcome was due and published.",
  fields: [
    { name: "id", type: "integer", description: "The issue's number on Parley." },
    { name: "slug", type: "string", description: "The issue's name in its web address." },
    { name: "url", type: "url", description: "The issue's page." },
    { name: "title", type: "string", description: "The issue's title." },
    {
      name: "summary",
      type: "markdown",
      description: "What the council asks, as written (Markdown).",
    },
    { name: "area", type: "string", description: "The area of Northbridge it concerns." },
    { name: "category", type: "string", description: "Its topic." },
    { name: "team", type: "string", nullable: true, description: "The council team that runs it." },
    {
      name: "status",
      type: "string",
      description: "upcoming, open, closed, or responded (an outcome is published).",
    },
    {
      name: "opening_date",
      type: "date-time",
      description: "When it opened (or opens) for contributions.",
    },
    {
      name: "closing_date",
      type: "date-time",
      description: "When it stopped (or stops) taking contributions, including an early close.",
    },
    {
      name: "response_due_date",
      type: "date-time",
      description: "When its outcome is due: the closing date plus the council's response time.",
    },
    {
      name: "outcome_published_date",
      type: "date-time",
      nullable: true,
      description: "When its first outcome was published; empty until then.",
    },
  ],
  async read(db, context, { afterId, limit, filter }) {
    const rows = await db
      .selectFrom("issues")
      .innerJoin("areas", "areas.id", "issues.area_id")
      .innerJoin("categories", "categories.id", "issues.category_id")
      .select((eb) => [
        "issues.id",
        "issues.slug",
        "issues.title",
        "issues.summary_md",
        "issues.team",
        "issues.status",
        "issues.opens_at",
        "issues.closes_at",
        "issues.closed_early_at",
        "areas.name as area",
        "categories.name as category",
        eb
          .selectFrom("outcomes")
          .select((inner) => inner.fn.min("outcomes.published_at").as("first"))
          .whereRef("outcomes.issue_id", "=", "issues.id")
          .as("outcome_at"),
      ])
      .where(publicIssue.where)
      .where("issues.id", ">", afterId)
      .$if(filter?.areaId !== undefined, (q) => q.where("issues.area_id", "=", filter!.areaId!))
      .orderBy("issues.id")
      .limit(limit)
      .execute();
    return rows.map((row) => {
      const closedAt = issueClosedAt({
        closesAt: row.closes_at,
        closedEarlyAt: row.closed_early_at,
      });
      return {
        id: row.id,
        slug: row.slug,
        url: `${context.origin}/issues/${row.slug}`,
        title: row.title,
        summary: row.summary_md,
        area: row.area,
        category: row.category,
        team: row.team,
        status: issuePhase(row, context.now),
        opening_date: row.opens_at.toISOString(),
        closing_date: closedAt.toISOString(),
        response_due_date: responseDueAt(closedAt, context.responseWeeks).toISOString(),
        outcome_published_date: row.outcome_at ? new Date(row.outcome_at).toISOString() : null,
      };
    });
  },
};

export interface ThreadRecord {
  id: number;
  issue_id: number;
  url: string;
  kind: string;
  title: string;
  author: string;
  created_at: string;
  last_post_at: string;
  replies: number;
  supports: number;
  answered_at: string | null;
}

const threads: Dataset<ThreadRecord> = {
  name: "threads",
  title: "Threads",
  description: "Every public discussion, idea and question to staff, in every public issue.",
  fields: [
    { name: "id", type: "integer", description: "The thread's number on Parley." },
    { name: "issue_id", type: "integer", description: "The issue it belongs to (issues.id)." },
    { name: "url", type: "url", description: "The thread's page." },
    { name: "kind", type: "string", description: "discussion, idea, or question (to staff)." },
    { name: "title", type: "string", description: "The thread's title." },
    {
      name: "author",
      type: "string",
      description:
        "Who started it, as a pseudonymous id (the same person has the same id in every dataset).",
    },
    { name: "created_at", type: "date-time", description: "When it was started." },
    { name: "last_post_at", type: "date-time", description: "When it was last posted in." },
    { name: "replies", type: "integer", description: "Published replies after the opening post." },
    {
      name: "supports",
      type: "integer",
      description: "People who support the idea (ideas only; 0 otherwise).",
    },
    {
      name: "answered_at",
      type: "date-time",
      nullable: true,
      description: "When staff gave an official answer (questions only).",
    },
  ],
  async read(db, context, { afterId, limit, filter }) {
    const rows = await db
      .selectFrom("threads")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select([
        "threads.id",
        "threads.issue_id",
        "threads.kind",
        "threads.title",
        "threads.author_id",
        "threads.created_at",
        "threads.last_post_at",
        "threads.reply_count",
        "threads.support_count",
        "threads.answered_at",
      ])
      .where(publicThread.where)
      .where("threads.id", ">", afterId)
      .$if(filter?.issueId !== undefined, (q) => q.where("threads.issue_id", "=", filter!.issueId!))
      .orderBy("threads.id")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      issue_id: row.issue_id,
      url: `${context.origin}/threads/${row.id}`,
      kind: row.kind,
      title: row.title,
      author: personPseudonym(context.secret, row.author_id),
      created_at: row.created_at.toISOString(),
      last_post_at: row.last_post_at.toISOString(),
      replies: row.reply_count,
      supports: row.support_count,
      answered_at: iso(row.answered_at),
    }));
  },
};

export interface PostRecord {
  id: number;
  thread_id: number;
  issue_id: number;
  url: string;
  author: string;
  by_staff: boolean;
  reply_to_id: number | null;
  official_answer: boolean;
  body: string;
  created_at: string;
  edited_at: string | null;
}

const posts: Dataset<PostRecord> = {
  name: "posts",
  title: "Posts",
  description:
    "Every public post: opening posts and replies, by residents and by staff. Posts held for moderation, hidden, rejected or deleted are not included.",
  fields: [
    { name: "id", type: "integer", description: "The post's number on Parley." },
    { name: "thread_id", type: "integer", description: "The thread it is in (threads.id)." },
    { name: "issue_id", type: "integer", description: "The issue of that thread (issues.id)." },
    { name: "url", type: "url", description: "The post's own page." },
    {
      name: "author",
      type: "string",
      description:
        "Who wrote it, as a pseudonymous id (the same person has the same id in every dataset).",
    },
    {
      name: "by_staff",
      type: "boolean",
      description: "Written by council staff on the council's behalf.",
    },
    {
      name: "reply_to_id",
      type: "integer",
      nullable: true,
      description: "The post it replies to, if any (posts.id).",
    },
    {
      name: "official_answer",
      type: "boolean",
      description: "Marked as the official answer to a question.",
    },
    {
      name: "body",
      type: "markdown",
      description: "What was written (Markdown), as it reads now.",
    },
    { name: "created_at", type: "date-time", description: "When it was posted." },
    {
      name: "edited_at",
      type: "date-time",
      nullable: true,
      description: "When its author last edited it.",
    },
  ],
  async read(db, context, { afterId, limit, filter }) {
    const rows = await db
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("issues", "issues.id", "threads.issue_id")
      .select([
        "posts.id",
        "posts.thread_id",
        "threads.issue_id",
        "posts.author_id",
        "posts.is_staff",
        "posts.reply_to_id",
        sql<boolean>`threads.answered_post_id is not distinct from posts.id`.as("official"),
        "posts.body_md",
        "posts.created_at",
        "posts.edited_at",
      ])
      .where(publicPost.where)
      .where("posts.id", ">", afterId)
      .$if(filter?.threadId !== undefined, (q) =>
        q.where("posts.thread_id", "=", filter!.threadId!),
      )
      .orderBy("posts.id")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      thread_id: row.thread_id,
      issue_id: row.issue_id,
      url: `${context.origin}/posts/${row.id}`,
      author: personPseudonym(context.secret, row.author_id),
      by_staff: row.is_staff,
      reply_to_id: row.reply_to_id,
      official_answer: row.official,
      body: row.body_md,
      created_at: row.created_at.toISOString(),
      edited_at: iso(row.edited_at),
    }));
  },
};

export interface OutcomeRecord {
  id: number;
  issue_id: number;
  url: string;
  title: string;
  status: string;
  status_reason: string | null;
  progress: number;
  team: string;
  you_said: string;
  we_did: string;
  commitments: { text: string; due: string | null }[];
  revisions: { at: string; team: string; summary: string }[];
  cited_post_ids: number[];
  published_at: string;
  updated_at: string;
}

const outcomes: Dataset<OutcomeRecord> = {
  name: "outcomes",
  title: "Outcomes (\u201cyou said, we did\u201d)",
  description:
    "Every published outcome: what residents said, what the council did, its status and progress, its commitments, and every change since it was published.",
  fields: [
    { name: "id", type: "integer", description: "The outcome's number on Parley." },
    { name: "issue_id", type: "integer", description: "The issue it answers (issues.id)." },
    { name: "url", type: "url", description: "The outcome's page." },
    { name: "title", type: "string", description: "The outcome's title." },
    {
      name: "status",
      type: "string",
      description:
        "adopted, partly_adopted, in_progress, not_taken_forward, or another status listed on the page.",
    },
    {
      name: "status_reason",
      type: "string",
      nullable: true,
      description: "Why, when an idea was not taken forward.",
    },
    {
      name: "progress",
      type: "integer",
      description: "How far its commitments have got, 0 to 100.",
    },
    { name: "team", type: "string", description: "The council team responsible." },
    {
      name: "you_said",
      type: "markdown",
      description: "What residents said, as the council summarised it (Markdown).",
    },
    {
      name: "we_did",
      type: "markdown",
      description: "What the council did or decided (Markdown).",
    },
    {
      name: "commitments",
      type: "json",
      description:
        "Next steps: a list of {text, due}, due as YYYY-MM-DD or null. In CSV, JSON text.",
      schema: {
        type: "array",
        items: {
          type: "object",
          required: ["text", "due"],
          additionalProperties: false,
          properties: {
            text: { type: "string" },
            due: { type: ["string", "null"], format: "date" },
          },
        },
      },
    },
    {
      name: "revisions",
      type: "json",
      description:
        "Changes since publication, oldest first: a list of {at, team, summary}. In CSV, JSON text.",
      schema: {
        type: "array",
        items: {
          type: "object",
          required: ["at", "team", "summary"],
          additionalProperties: false,
          properties: {
            at: { type: "string", format: "date-time" },
            team: { type: "string" },
            summary: { type: "string" },
          },
        },
      },
    },
    {
      name: "cited_post_ids",
      type: "json",
      description: "The public posts it cites (posts.id). In CSV, JSON text.",
      schema: { type: "array", items: { type: "integer" } },
    },
    { name: "published_at", type: "date-time", description: "When it was published." },
    { name: "updated_at", type: "date-time", description: "When it last changed." },
  ],
  async read(db, context, { afterId, limit, filter }) {
    const rows = await db
      .selectFrom("outcomes")
      .innerJoin("issues", "issues.id", "outcomes.issue_id")
      .select((eb) => [
        "outcomes.id",
        "outcomes.issue_id",
        "outcomes.title",
        "outcomes.status",
        "outcomes.status_reason",
        "outcomes.progress",
        "outcomes.team",
        "outcomes.you_said_md",
        "outcomes.we_did_md",
        "outcomes.next_steps",
        "outcomes.published_at",
        "outcomes.updated_at",
        eb
          .selectFrom("outcome_revisions")
          .select(
            sql<
              { at: string; team: string; summary: string }[]
            >`coalesce(json_agg(json_build_object('at', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'team', team, 'summary', summary) order by created_at, id), '[]')`.as(
              "r",
            ),
          )
          .whereRef("outcome_revisions.outcome_id", "=", "outcomes.id")
          .as("revisions"),
        // Citations of posts that are still public: a post hidden since is not named.
        eb
          .selectFrom("outcome_citations")
          .innerJoin("posts", "posts.id", "outcome_citations.post_id")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          // Shadows the outer issues inside this subquery: the cited post's own issue.
          .innerJoin("issues", "issues.id", "threads.issue_id")
          .select(sql<number[]>`coalesce(json_agg(posts.id order by posts.id), '[]')`.as("c"))
          .whereRef("outcome_citations.outcome_id", "=", "outcomes.id")
          .where(publicPost.where)
          .as("cited"),
      ])
      .where("outcomes.published_at", "is not", null)
      .where(publicIssue.where)
      .where("outcomes.id", ">", afterId)
      .$if(filter?.issueId !== undefined, (q) =>
        q.where("outcomes.issue_id", "=", filter!.issueId!),
      )
      .orderBy("outcomes.id")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      issue_id: row.issue_id,
      url: `${context.origin}/outcomes/${row.id}`,
      title: row.title,
      status: row.status,
      status_reason: row.status_reason,
      progress: row.progress,
      team: row.team,
      you_said: row.you_said_md,
      we_did: row.we_did_md,
      commitments: row.next_steps.map((step) => ({ text: step.text, due: step.due })),
      revisions: row.revisions ?? [],
      cited_post_ids: row.cited ?? [],
      published_at: row.published_at!.toISOString(),
      updated_at: row.updated_at.toISOString(),
    }));
  },
};

export const DATASETS = { issues, threads, posts, outcomes } as const satisfies {
  [K in DatasetName]: Dataset<{ id: number }>;
};

/** Every row of a dataset, a batch at a time, in id order. */
export async function* readAllRows<R extends { id: number }>(
  db: Kysely<Database>,
  dataset: Dataset<R>,
  context: DatasetContext,
  batchSize = 1_000,
): AsyncGenerator<R[]> {
  let afterId = 0;
  for (;;) {
    const rows = await dataset.read(db, context, { afterId, limit: batchSize });
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    afterId = rows.at(-1)!.id;
  }
}
