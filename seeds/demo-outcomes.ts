/**
 * "You said, we did" in the demo: published outcomes in different states, each citing
 * what residents wrote, with a changelog; closed issues still awaiting a response,
 * one of them overdue (St Anne's housing site closed more than 12 weeks ago).
 */
import type { Transaction } from "kysely";
import type { Database, NextStep, OutcomeStatus } from "../db/schema";
import { renderMarkdown } from "../app/markdown.server";

const DAY_MS = 86_400_000;

interface DemoOutcome {
  issueSlug: string;
  title: string;
  status: OutcomeStatus;
  statusReason?: string;
  progress: number;
  youSaid: string;
  weDid: string;
  nextSteps: NextStep[];
  team: string;
  publishedDaysAgo: number;
  /** Later changes, oldest first. */
  revisions: { daysAgo: number; summary: string }[];
  ideaThread?: boolean;
}

const OUTCOMES: DemoOutcome[] = [
  {
    issueSlug: "northfield-street-lighting",
    title: "Brighter, warmer LED lighting on the Northfield estate",
    status: "in_progress",
    progress: 60,
    youSaid:
      "Most of you wanted **brighter paths** between the estate and the bus stops, but many asked us not to use harsh white light outside bedroom windows. Several of you named the underpass on Cromwell Walk as the place you feel least safe.",
    weDid:
      "We chose warm-white (3000K) LED lanterns with shields on the house side, and moved the underpass to the first phase. Lamps on Cromwell Walk and Ash Grove are already replaced.",
    nextSteps: [
      { text: "Replace the lanterns on Beech Road and Elm Close", due: "2027-01-31" },
      { text: "Night-time walkabout with residents to check dark spots", due: "2027-02-15" },
    ],
    team: "Highways",
    publishedDaysAgo: 70,
    revisions: [
      { daysAgo: 21, summary: "Status: Decision made → In progress; Progress: 20% → 60%" },
    ],
  },
  {
    issueSlug: "recycling-centre-booking",
    title: "Booking at the recycling centre stays, with same-day slots",
    status: "implemented",
    progress: 100,
    youSaid:
      "You told us the queues had gone since booking started, but that booking a week ahead did not work for a sudden clear-out. Many of you asked for **same-day slots** and for vans to be allowed on weekday mornings.",
    weDid:
      "Booking stays. Since September a third of each day's slots are released at 7am the same day, and vans can book weekday slots before 11am.",
    nextSteps: [],
    team: "Waste and Recycling",
    publishedDaysAgo: 100,
    revisions: [
      { daysAgo: 80, summary: "Status: Decision made → In progress; Progress: 0% → 50%" },
      { daysAgo: 40, summary: "Status: In progress → Implemented; Progress: 50% → 100%" },
    ],
  },
  {
    issueSlug: "recycling-centre-booking",
    title: "Sunday opening is not being taken forward",
    status: "not_taken_forward",
    statusReason:
      "Opening on Sundays would cost about £48,000 a year in staff and haulage. With same-day slots, Saturday bookings now have spare capacity, so we cannot justify the cost this year.",
    progress: 0,
    youSaid: "Some of you proposed opening the recycling centre on Sundays as well.",
    weDid:
      "We looked at the costs and at how full Saturday bookings are. We will review this in a year.",
    nextSteps: [{ text: "Review Saturday demand and Sunday costs", due: "2027-09-30" }],
    team: "Waste and Recycling",
    publishedDaysAgo: 95,
    revisions: [],
    ideaThread: true,
  },
];

export async function seedDemoOutcomes(trx: Transaction<Database>, now: Date): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const officer = await trx
    .selectFrom("users")
    .select("id")
    .where("role", "=", "officer")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  for (const demo of OUTCOMES) {
    const issue = await trx
      .selectFrom("issues")
      .select(["id"])
      .where("slug", "=", demo.issueSlug)
      .executeTakeFirst();
    if (!issue) continue;
    const posts = await trx
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .select(["posts.id", "threads.id as thread_id", "threads.kind"])
      .where("threads.issue_id", "=", issue.id)
      .where("posts.status", "=", "published")
      .where("threads.status", "=", "published")
      .orderBy("posts.id")
      .execute();
    const idea = demo.ideaThread ? posts.find((p) => p.kind === "idea") : undefined;
    const cited = (idea ? posts.filter((p) => p.thread_id === idea.thread_id) : posts)
      .slice(1, 3)
      .map((p) => p.id);
    const outcome = await trx
      .insertInto("outcomes")
      .values({
        issue_id: issue.id,
        thread_id: idea?.thread_id ?? null,
        title: demo.title,
        status: demo.status,
        status_reason: demo.statusReason ?? null,
        progress: demo.progress,
        you_said_md: demo.youSaid,
        you_said_html: renderMarkdown(demo.youSaid),
        we_did_md: demo.weDid,
        we_did_html: renderMarkdown(demo.weDid),
        next_steps: JSON.stringify(demo.nextSteps),
        team: demo.team,
        participation: JSON.stringify({
          people: 40 + cited.length * 7,
          threads: 6,
          posts: 38,
          supports: 55,
        }),
        published_at: ago(demo.publishedDaysAgo),
        version: 1 + demo.revisions.length,
        created_by: officer.id,
        created_at: ago(demo.publishedDaysAgo + 3),
        updated_at: ago(demo.revisions.at(-1)?.daysAgo ?? demo.publishedDaysAgo),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (cited.length) {
      await trx
        .insertInto("outcome_citations")
        .values(cited.map((postId) => ({ outcome_id: outcome.id, post_id: postId })))
        .execute();
    }
    await trx
      .insertInto("outcome_revisions")
      .values([
        {
          outcome_id: outcome.id,
          team: demo.team,
          summary: "Published",
          created_at: ago(demo.publishedDaysAgo),
        },
        ...demo.revisions.map((r) => ({
          outcome_id: outcome.id,
          team: demo.team,
          summary: r.summary,
          created_at: ago(r.daysAgo),
        })),
      ])
      .execute();
  }
}
