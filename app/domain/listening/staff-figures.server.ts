/**
 * The staff side of the listening figures, for officers and admins: the same measures
 * per issue, per team and per officer, an issue's participation funnel, and the three
 * lists an officer acts on (questions waiting longest, consultations due soon, the
 * busiest threads). Public content only, like the public page: staff figures describe
 * what residents see the council do.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { responseDueAt } from "../outcome-deadlines.server";
import { issueClosedAt, publicIssue, publicPost, publicThread } from "../policy";
import { DAY_MS, hoursBetween, median } from "./statistics";

export interface StaffScope {
  from: Date;
  to: Date;
  areaId: number | null;
  now: Date;
  responseWeeks: number;
}

export interface AnswerFigures {
  asked: number;
  answered: number;
  medianHoursToAnswer: number | null;
}

export interface IssueFunnel extends AnswerFigures {
  slug: string;
  title: string;
  team: string | null;
  /** Views of the issue's own page in the period (daily aggregate counts). */
  issueViews: number;
  /** Views of its threads' pages in the period. */
  threadViews: number;
  /** People who wrote a public post in it in the period. */
  contributors: number;
  /** People who supported one of its public ideas in the period. */
  supporters: number;
}

export interface StaffFigures {
  /** Every issue open at some point of the period, most contributors first. */
  byIssue: IssueFunnel[];
  /** The funnel summed over every issue (people counted once per issue they took part in). */
  funnelTotals: {
    issueViews: number;
    threadViews: number;
    contributors: number;
    supporters: number;
  };
  byTeam: (AnswerFigures & { team: string; issues: number })[];
  byOfficer: {
    name: string;
    team: string | null;
    answers: number;
    medianHoursToAnswer: number | null;
  }[];
  waitingLongest: {
    threadId: number;
    title: string;
    issueSlug: string;
    issueTitle: string;
    askedAt: string;
    daysWaiting: number;
  }[];
  dueSoon: {
    slug: string;
    title: string;
    what: "closes" | "outcome due";
    at: string;
    daysLeft: number;
  }[];
  busiestThreads: {
    threadId: number;
    title: string;
    issueTitle: string;
    posts: number;
    people: number;
  }[];
}

/** How many rows each list shows. */
const LIST_LENGTH = 10;
/** "Due soon": closing, or an outcome falling due, within this many days. */
const DUE_SOON_DAYS = 14;
const NO_TEAM = "No team";
/** issueClosedAt in SQL: least() passes over a null closed_early_at. */
const CLOSED_AT = sql<Date>`least(issues.closes_at, issues.closed_early_at)`;

const period = (column: string, scope: StaffScope) =>
  sql<boolean>`${sql.ref(column)} >= ${scope.from} and ${sql.ref(column)} < ${scope.to}`;

function answerFigures(rows: { created_at: Date; answered_at: Date | null }[]): AnswerFigures {
  const answered = rows.filter((row) => row.answered_at !== null);
  return {
    asked: rows.length,
    answered: answered.length,
    medianHoursToAnswer: median(
      answered.map((row) => hoursBetween(row.created_at, row.answered_at!)),
    ),
  };
}

async function questionsInPeriod(db: Kysely<Database>, scope: StaffScope) {
  return db
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .leftJoin("posts as answer", "answer.id", "threads.answered_post_id")
    .leftJoin("users as officer", "officer.id", "answer.author_id")
    .select([
      "threads.issue_id",
      "threads.created_at",
      "threads.answered_at",
      "issues.team",
      "officer.id as officer_id",
      "officer.display_name as officer_name",
      "officer.team as officer_team",
    ])
    .where("threads.kind", "=", "question")
    .where(publicThread.where)
    .where(period("threads.created_at", scope))
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    .execute();
}

async function issueFunnels(
  db: Kysely<Database>,
  scope: StaffScope,
  questions: Awaited<ReturnType<typeof questionsInPeriod>>,
): Promise<IssueFunnel[]> {
  // Views are counted by UK day: the days the period touches, its first and last included.
  const fromDay = sql`(${scope.from} at time zone 'Europe/London')::date`;
  const toDay = sql`(${scope.to} at time zone 'Europe/London')::date`;
  const rows = await db
    .selectFrom("issues")
    .select((eb) => [
      "issues.id",
      "issues.slug",
      "issues.title",
      "issues.team",
      eb
        .selectFrom("page_views_daily")
        .select(sql<number>`coalesce(sum(views), 0)::int`.as("n"))
        .whereRef("page_views_daily.issue_id", "=", "issues.id")
        .where("page_views_daily.thread_id", "is", null)
        .where(sql<boolean>`day >= ${fromDay} and day <= ${toDay}`)
        .as("issue_views"),
      eb
        .selectFrom("page_views_daily")
        .select(sql<number>`coalesce(sum(views), 0)::int`.as("n"))
        .whereRef("page_views_daily.issue_id", "=", "issues.id")
        .where("page_views_daily.thread_id", "is not", null)
        .where(sql<boolean>`day >= ${fromDay} and day <= ${toDay}`)
        .as("thread_views"),
      eb
        .selectFrom("posts")
        .innerJoin("threads", "threads.id", "posts.thread_id")
        .select(sql<number>`count(distinct posts.author_id)::int`.as("n"))
        .whereRef("threads.issue_id", "=", "issues.id")
        .where("posts.is_staff", "=", false)
        .where(publicPost.where)
        .where(period("posts.created_at", scope))
        .as("contributors"),
      eb
        .selectFrom("supports")
        .innerJoin("threads", "threads.id", "supports.thread_id")
        .select(sql<number>`count(distinct supports.user_id)::int`.as("n"))
        .whereRef("threads.issue_id", "=", "issues.id")
        .where(publicThread.where)
        .where(period("supports.created_at", scope))
        .as("supporters"),
    ])
    .where(publicIssue.where)
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    // Issues that were open for contributions at some point of the period.
    .where("issues.opens_at", "<", scope.to)
    .where((eb) => eb(CLOSED_AT, ">=", scope.from))
    .orderBy("issues.opens_at", "desc")
    .orderBy("issues.id")
    .execute();
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    team: row.team,
    ...answerFigures(questions.filter((q) => q.issue_id === row.id)),
    issueViews: row.issue_views ?? 0,
    threadViews: row.thread_views ?? 0,
    contributors: row.contributors ?? 0,
    supporters: row.supporters ?? 0,
  }));
}

function byTeam(questions: Awaited<ReturnType<typeof questionsInPeriod>>, funnels: IssueFunnel[]) {
  const teams = new Set([
    ...funnels.map((f) => f.team ?? NO_TEAM),
    ...questions.map((q) => q.team ?? NO_TEAM),
  ]);
  return [...teams]
    .sort((a, b) => (a === NO_TEAM ? 1 : b === NO_TEAM ? -1 : a.localeCompare(b)))
    .map((team) => ({
      team,
      issues: funnels.filter((f) => (f.team ?? NO_TEAM) === team).length,
      ...answerFigures(questions.filter((q) => (q.team ?? NO_TEAM) === team)),
    }));
}

function byOfficer(questions: Awaited<ReturnType<typeof questionsInPeriod>>) {
  const officers = new Map<number, { name: string; team: string | null; hours: number[] }>();
  for (const q of questions) {
    if (q.officer_id === null || q.answered_at === null) continue;
    const entry = officers.get(q.officer_id) ?? {
      name: q.officer_name ?? "",
      team: q.officer_team,
      hours: [],
    };
    entry.hours.push(hoursBetween(q.created_at, q.answered_at));
    officers.set(q.officer_id, entry);
  }
  return [...officers.values()]
    .map((o) => ({
      name: o.name,
      team: o.team,
      answers: o.hours.length,
      medianHoursToAnswer: median(o.hours),
    }))
    .sort((a, b) => b.answers - a.answers || a.name.localeCompare(b.name));
}

async function waitingLongest(db: Kysely<Database>, scope: StaffScope) {
  const rows = await db
    .selectFrom("threads")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "threads.id",
      "threads.title",
      "issues.slug",
      "issues.title as issue_title",
      "threads.created_at",
    ])
    .where("threads.kind", "=", "question")
    .where(publicThread.where)
    .where("threads.answered_post_id", "is", null)
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    .orderBy("threads.created_at")
    .orderBy("threads.id")
    .limit(LIST_LENGTH)
    .execute();
  return rows.map((row) => ({
    threadId: row.id,
    title: row.title,
    issueSlug: row.slug,
    issueTitle: row.issue_title,
    askedAt: row.created_at.toISOString(),
    daysWaiting: Math.floor((scope.now.getTime() - row.created_at.getTime()) / DAY_MS),
  }));
}

async function dueSoon(db: Kysely<Database>, scope: StaffScope) {
  const horizon = new Date(scope.now.getTime() + DUE_SOON_DAYS * DAY_MS);
  // An outcome falls due `responseWeeks` after closing: issues closed that long ago, less the horizon.
  const earliestClose = new Date(scope.now.getTime() - scope.responseWeeks * 7 * DAY_MS);
  const rows = await db
    .selectFrom("issues")
    .select((eb) => [
      "issues.slug",
      "issues.title",
      "issues.closes_at",
      "issues.closed_early_at",
      eb
        .exists(
          eb
            .selectFrom("outcomes")
            .select("outcomes.id")
            .whereRef("outcomes.issue_id", "=", "issues.id")
            .where("outcomes.published_at", "is not", null),
        )
        .as("has_outcome"),
    ])
    .where(publicIssue.where)
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    .where((eb) => eb(CLOSED_AT, ">=", earliestClose))
    .where((eb) => eb(CLOSED_AT, "<", horizon))
    .execute();
  const items: StaffFigures["dueSoon"] = [];
  for (const row of rows) {
    const closedAt = issueClosedAt({ closesAt: row.closes_at, closedEarlyAt: row.closed_early_at });
    if (closedAt > scope.now)
      items.push({
        slug: row.slug,
        title: row.title,
        what: "closes",
        at: closedAt.toISOString(),
        daysLeft: Math.floor((closedAt.getTime() - scope.now.getTime()) / DAY_MS),
      });
    else if (!row.has_outcome) {
      const due = responseDueAt(closedAt, scope.responseWeeks);
      if (due >= scope.now && due < horizon)
        items.push({
          slug: row.slug,
          title: row.title,
          what: "outcome due",
          at: due.toISOString(),
          daysLeft: Math.floor((due.getTime() - scope.now.getTime()) / DAY_MS),
        });
    }
  }
  return items.sort((a, b) => a.at.localeCompare(b.at) || a.slug.localeCompare(b.slug));
}

async function busiestThreads(db: Kysely<Database>, scope: StaffScope) {
  const rows = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "threads.id",
      "threads.title",
      "issues.title as issue_title",
      sql<number>`count(*)::int`.as("posts"),
      sql<number>`count(distinct posts.author_id)::int`.as("people"),
    ])
    .where(publicPost.where)
    .where(period("posts.created_at", scope))
    .$if(scope.areaId !== null, (q) => q.where("issues.area_id", "=", scope.areaId!))
    .groupBy(["threads.id", "threads.title", "issues.title"])
    .orderBy("posts", "desc")
    .orderBy("threads.id")
    .limit(LIST_LENGTH)
    .execute();
  return rows.map((row) => ({
    threadId: row.id,
    title: row.title,
    issueTitle: row.issue_title,
    posts: row.posts,
    people: row.people,
  }));
}

const sum = (
  funnels: IssueFunnel[],
  key: "issueViews" | "threadViews" | "contributors" | "supporters",
) => funnels.reduce((total, funnel) => total + funnel[key], 0);

/** Every staff figure for the scope. */
export async function readStaffFigures(
  db: Kysely<Database>,
  scope: StaffScope,
): Promise<StaffFigures> {
  const questions = await questionsInPeriod(db, scope);
  const [funnels, waiting, due, busiest] = await Promise.all([
    issueFunnels(db, scope, questions),
    waitingLongest(db, scope),
    dueSoon(db, scope),
    busiestThreads(db, scope),
  ]);
  return {
    byIssue: [...funnels].sort(
      (a, b) =>
        b.contributors - a.contributors ||
        b.threadViews - a.threadViews ||
        a.slug.localeCompare(b.slug),
    ),
    funnelTotals: {
      issueViews: sum(funnels, "issueViews"),
      threadViews: sum(funnels, "threadViews"),
      contributors: sum(funnels, "contributors"),
      supporters: sum(funnels, "supporters"),
    },
    byTeam: byTeam(questions, funnels),
    byOfficer: byOfficer(questions),
    waitingLongest: waiting,
    dueSoon: due,
    busiestThreads: busiest,
  };
}
