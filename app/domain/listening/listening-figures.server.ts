/**
 * How well the council listens, from Parley's own data, over a period, site-wide or for
 * one area: questions answered and how fast, consultations closed and how soon their
 * outcome came, outcomes by status, who took part, and moderation in aggregate.
 *
 * Everything counts public content only, through the policy module. Periods are instants
 * [from, to); durations are elapsed time between instants; months are UK calendar
 * months. Each figure's definition is written in figure-methods.ts, so the page
 * and the methods note say exactly what is counted.
 */
import { sql, type Kysely } from "kysely";
import type { Database, ModerationItemStatus, OutcomeStatus } from "../../../db/schema";
import { responseDueAt } from "../outcome-deadlines.server";
import { issueClosedAt, publicIssue, publicPost, publicThread } from "../policy";
import {
  daysBetween,
  DAY_MS,
  hoursBetween,
  mean,
  median,
  share,
  ukMonthsBetween,
} from "./statistics";

export interface ListeningScope {
  from: Date;
  /** Exclusive. */
  to: Date;
  areaId: number | null;
  now: Date;
  /** Weeks after closing by which an outcome is due (PARLEY_RESPONSE_WEEKS). */
  responseWeeks: number;
  /** Questions without an official answer after this many days count as unanswered. */
  unansweredDays: number;
}

export interface OverdueConsultation {
  slug: string;
  title: string;
  /** ISO instants, so that figures are plain JSON (stored, downloaded, served). */
  closedAt: string;
  dueAt: string;
  daysLate: number;
}

export interface ListeningFigures {
  questions: {
    asked: number;
    answered: number;
    shareAnswered: number | null;
    medianHoursToAnswer: number | null;
    unansweredAfterDays: number;
  };
  consultations: {
    closed: number;
    withOutcome: number;
    /** Of those whose outcome is published or due: published on or before the due date. */
    shareOnTime: number | null;
    medianDaysToOutcome: number | null;
    overdue: OverdueConsultation[];
  };
  outcomes: {
    published: number;
    byStatus: Partial<Record<OutcomeStatus, number>>;
    averageProgress: number | null;
  };
  participation: {
    people: number;
    newPeople: number;
    returningPeople: number;
    byMonth: { month: string; posts: number; supports: number }[];
    byArea: { areaId: number; area: string; posts: number; people: number }[];
  };
  moderation: {
    postsWritten: number;
    postsHeld: number;
    shareHeld: number | null;
    medianHoursInQueue: number | null;
    decisions: Partial<Record<ModerationItemStatus, number>>;
    appealsUpheld: number;
    appealsOverturned: number;
  };
}

function inPeriod(column: string, scope: ListeningScope) {
  return sql<boolean>`${sql.ref(column)} >= ${scope.from} and ${sql.ref(column)} < ${scope.to}`;
}

async function questionFigures(db: Kysely<Database>, scope: ListeningScope) {
  const rows = await db
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select(["threads.created_at", "threads.answered_at"])
    .where("threads.kind", "=", "question")
    .where(publicThread.where)
    .where(inPeriod("threads.created_at", scope))
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    .execute();
  const answered = rows.filter((row) => row.answered_at !== null);
  const cutoff = scope.now.getTime() - scope.unansweredDays * DAY_MS;
  return {
    asked: rows.length,
    answered: answered.length,
    shareAnswered: share(answered.length, rows.length),
    medianHoursToAnswer: median(
      answered.map((row) => hoursBetween(row.created_at, row.answered_at!)),
    ),
    unansweredAfterDays: rows.filter(
      (row) => row.answered_at === null && row.created_at.getTime() < cutoff,
    ).length,
  };
}

async function consultationFigures(db: Kysely<Database>, scope: ListeningScope) {
  const rows = await db
    .selectFrom("issues")
    .select((eb) => [
      "issues.slug",
      "issues.title",
      "issues.closes_at",
      "issues.closed_early_at",
      eb
        .selectFrom("outcomes")
        .select((inner) => inner.fn.min("outcomes.published_at").as("first"))
        .whereRef("outcomes.issue_id", "=", "issues.id")
        .as("first_outcome_at"),
    ])
    .where(publicIssue.where)
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    // Closed by now, either on its closing date or early.
    .where((eb) =>
      eb.or([
        eb("issues.closes_at", "<=", scope.now),
        eb("issues.closed_early_at", "<=", scope.now),
      ]),
    )
    .execute();
  const closed = rows.map((row) => {
    const closedAt = issueClosedAt({ closesAt: row.closes_at, closedEarlyAt: row.closed_early_at });
    const outcomeAt = row.first_outcome_at ? new Date(row.first_outcome_at) : null;
    return { ...row, closedAt, dueAt: responseDueAt(closedAt, scope.responseWeeks), outcomeAt };
  });
  const inScope = closed.filter(
    (row) => row.closedAt >= scope.from && row.closedAt < scope.to && row.closedAt <= scope.now,
  );
  const judged = inScope.filter((row) => row.outcomeAt !== null || row.dueAt < scope.now);
  const onTime = judged.filter((row) => row.outcomeAt !== null && row.outcomeAt <= row.dueAt);
  const withOutcome = inScope.filter((row) => row.outcomeAt !== null);
  const overdue = closed
    .filter((row) => row.outcomeAt === null && row.dueAt < scope.now)
    .map((row) => ({
      slug: row.slug,
      title: row.title,
      closedAt: row.closedAt.toISOString(),
      dueAt: row.dueAt.toISOString(),
      daysLate: Math.floor(daysBetween(row.dueAt, scope.now)),
    }))
    .sort((a, b) => b.daysLate - a.daysLate || a.slug.localeCompare(b.slug));
  return {
    closed: inScope.length,
    withOutcome: withOutcome.length,
    shareOnTime: share(onTime.length, judged.length),
    medianDaysToOutcome: median(
      withOutcome.map((row) => daysBetween(row.closedAt, row.outcomeAt!)),
    ),
    overdue,
  };
}

async function outcomeFigures(db: Kysely<Database>, scope: ListeningScope) {
  const rows = await db
    .selectFrom("outcomes")
    .innerJoin("issues", "issues.id", "outcomes.issue_id")
    .select(["outcomes.status", "outcomes.progress"])
    .where("outcomes.published_at", "is not", null)
    .where(publicIssue.where)
    .where(inPeriod("outcomes.published_at", scope))
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    .execute();
  const byStatus: Partial<Record<OutcomeStatus, number>> = {};
  for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
  return {
    published: rows.length,
    byStatus,
    averageProgress: mean(rows.map((row) => row.progress)),
  };
}

async function participationFigures(db: Kysely<Database>, scope: ListeningScope) {
  const posts = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "posts.author_id as user_id",
      "posts.created_at",
      "issues.area_id",
      sql<string>`'post'`.as("kind"),
    ])
    .where(publicPost.where)
    .where(inPeriod("posts.created_at", scope))
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!));
  const supports = db
    .selectFrom("supports")
    .innerJoin("threads", "threads.id", "supports.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "supports.user_id",
      "supports.created_at",
      "issues.area_id",
      sql<string>`'support'`.as("kind"),
    ])
    .where(publicThread.where)
    .where(inPeriod("supports.created_at", scope))
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!));
  // Whether a person took part before the period, anywhere on the site (public only).
  const earlierPost = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select("posts.id")
    .whereRef("posts.author_id", "=", sql.ref("people.user_id"))
    .where("posts.created_at", "<", scope.from)
    .where(publicPost.where);
  const earlierSupport = db
    .selectFrom("supports")
    .innerJoin("threads", "threads.id", "supports.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select("supports.user_id")
    .whereRef("supports.user_id", "=", sql.ref("people.user_id"))
    .where("supports.created_at", "<", scope.from)
    .where(publicThread.where);
  const result = await sql<{
    people: number;
    returning: number;
  }>`
    with contributions as (${posts} union all ${supports}),
    people as (select distinct user_id from contributions)
    select
      (select count(*)::int from people) as people,
      (select count(*)::int from people
        where exists (${earlierPost}) or exists (${earlierSupport})) as returning`.execute(db);
  const monthly = await sql<{ month: string; kind: string; n: number }>`
    with contributions as (${posts} union all ${supports})
    select to_char(created_at at time zone 'Europe/London', 'YYYY-MM') as month, kind,
      count(*)::int as n
    from contributions group by 1, 2`.execute(db);
  const byArea = await sql<{ area_id: number; area: string; posts: number; people: number }>`
    with contributions as (${posts})
    select areas.id as area_id, areas.name as area,
      count(contributions.user_id)::int as posts,
      count(distinct contributions.user_id)::int as people
    from areas left join contributions on contributions.area_id = areas.id
    where ${scope.areaId === null ? sql`true` : sql`areas.id = ${scope.areaId}`}
    group by areas.id, areas.name
    order by areas.name`.execute(db);
  const people = result.rows[0]?.people ?? 0;
  const returningPeople = result.rows[0]?.returning ?? 0;
  const lastInstant = new Date(Math.min(scope.to.getTime(), scope.now.getTime()) - 1);
  const months = ukMonthsBetween(scope.from, lastInstant < scope.from ? scope.from : lastInstant);
  const count = (month: string, kind: string) =>
    monthly.rows.find((row) => row.month === month && row.kind === kind)?.n ?? 0;
  return {
    people,
    newPeople: people - returningPeople,
    returningPeople,
    byMonth: months.map((month) => ({
      month,
      posts: count(month, "post"),
      supports: count(month, "support"),
    })),
    byArea: byArea.rows.map((row) => ({
      areaId: row.area_id,
      area: row.area,
      posts: row.posts,
      people: row.people,
    })),
  };
}

async function moderationFigures(db: Kysely<Database>, scope: ListeningScope) {
  const written = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select((eb) => [
      eb.fn.countAll<number>().as("written"),
      eb.fn
        .countAll<number>()
        .filterWhere((inner) =>
          inner.exists(
            inner
              .selectFrom("moderation_items")
              .select("moderation_items.id")
              .whereRef("moderation_items.post_id", "=", "posts.id")
              .where("moderation_items.source", "=", "rule"),
          ),
        )
        .as("held"),
    ])
    .where(publicIssue.where)
    .where(inPeriod("posts.created_at", scope))
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom("moderation_items")
    .innerJoin("posts", "posts.id", "moderation_items.post_id")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "moderation_items.source",
      "moderation_items.status",
      "moderation_items.created_at",
      "moderation_items.decided_at",
    ])
    .where(publicIssue.where)
    .where((eb) =>
      eb.or([
        inPeriod("moderation_items.created_at", scope),
        inPeriod("moderation_items.decided_at", scope),
      ]),
    )
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    .execute();
  const createdIn = items.filter(
    (item) => item.created_at >= scope.from && item.created_at < scope.to,
  );
  const decidedIn = items.filter(
    (item) =>
      item.decided_at !== null && item.decided_at >= scope.from && item.decided_at < scope.to,
  );
  const decisions: Partial<Record<ModerationItemStatus, number>> = {};
  for (const item of decidedIn.filter((item) => item.source !== "appeal"))
    decisions[item.status] = (decisions[item.status] ?? 0) + 1;
  const appeals = decidedIn.filter((item) => item.source === "appeal");
  const postsWritten = Number(written.written);
  const postsHeld = Number(written.held);
  return {
    postsWritten,
    postsHeld,
    shareHeld: share(postsHeld, postsWritten),
    medianHoursInQueue: median(
      createdIn
        .filter((item) => item.decided_at !== null)
        .map((item) => hoursBetween(item.created_at, item.decided_at!)),
    ),
    decisions,
    appealsUpheld: appeals.filter((item) => item.status === "rejected").length,
    appealsOverturned: appeals.filter((item) => item.status === "approved").length,
  };
}

/** Every listening figure for the scope. */
export async function readListeningFigures(
  db: Kysely<Database>,
  scope: ListeningScope,
): Promise<ListeningFigures> {
  const [questions, consultations, outcomes, participation, moderation] = await Promise.all([
    questionFigures(db, scope),
    consultationFigures(db, scope),
    outcomeFigures(db, scope),
    participationFigures(db, scope),
    moderationFigures(db, scope),
  ]);
  return { questions, consultations, outcomes, participation, moderation };
}
