/**
 * Everything an issue's page shows, in one domain read: the issue (if the viewer may
 * see it) with the viewer's follow, its threads, participation, announcements and
 * outcomes, and what the viewer may do.
 *
 * Round trips: the issue with the viewer's follow (one query); then, in parallel, the
 * threads, the participation counts, the announcements and the outcomes (whose
 * revisions follow their outcomes: one more query when there are outcomes).
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Viewer } from "../../auth.server";
import { listAnnouncementsFor, type AnnouncementView } from "../announcements.server";
import { NotFoundError } from "../errors";
import { readParticipation, type ParticipationTally } from "../issue-participation.server";
import { listIssueOutcomes, responseDueAt, type IssueOutcome } from "../outcomes.server";
import {
  issuePhase,
  issueVisibleTo,
  mayExportContributions,
  mayManageIssues,
  mayStartThread,
  type IssuePhase,
  issueClosedAt,
} from "../policy";
import { listThreadsForIssue, type ThreadListItem, type ThreadSort } from "../threads.server";

export interface IssuePage {
  issue: {
    id: number;
    slug: string;
    title: string;
    summaryHtml: string;
    areaName: string;
    areaSlug: string;
    categorySlug: string;
    categoryName: string;
    team: string | null;
    opensAt: Date;
    closesAt: Date;
    closedEarlyAt: Date | null;
    phase: IssuePhase;
    responseDueAt: Date;
  };
  threads: ThreadListItem[];
  next: string | null;
  participation: ParticipationTally;
  announcements: AnnouncementView[];
  outcomes: IssueOutcome[];
  signedIn: boolean;
  following: boolean;
  /** Edit the issue and write its outcomes. */
  canManage: boolean;
  /** Staff who may download the issue's contributions as CSV. */
  canExport: boolean;
  /** "open": a thread can be started (after signing in, for the public); "closed": not now. */
  newThreads: "open" | "sign-in" | "closed";
}

export async function getIssuePage(
  db: Kysely<Database>,
  viewer: Viewer | null,
  query: { slug: string; sort: ThreadSort; after: string | null },
  options: { now: Date; responseWeeks: number },
): Promise<IssuePage> {
  const viewerId = viewer?.id ?? null;
  const issue = await db
    .selectFrom("issues")
    .innerJoin("areas", "areas.id", "issues.area_id")
    .innerJoin("categories", "categories.id", "issues.category_id")
    .select((eb) => [
      "issues.id",
      "issues.slug",
      "issues.title",
      "issues.summary_html",
      "issues.area_id",
      "issues.team",
      "issues.status",
      "issues.opens_at",
      "issues.closes_at",
      "issues.closed_early_at",
      "areas.name as areaName",
      "areas.slug as areaSlug",
      "categories.name as categoryName",
      "categories.slug as categorySlug",
      viewerId === null
        ? sql<boolean>`false`.as("following")
        : eb
            .exists(
              eb
                .selectFrom("issue_follows")
                .select("issue_follows.user_id")
                .whereRef("issue_follows.issue_id", "=", "issues.id")
                .where("issue_follows.user_id", "=", viewerId),
            )
            .as("following"),
    ])
    .where("issues.slug", "=", query.slug)
    .where(issueVisibleTo(viewer).where)
    .executeTakeFirst();
  if (!issue)
    throw new NotFoundError("We couldn't find that issue. It may have been renamed or removed.");
  const [page, participation, announcements, outcomes] = await Promise.all([
    listThreadsForIssue(db, issue.id, { sort: query.sort, after: query.after }),
    readParticipation(db, issue.id),
    listAnnouncementsFor(db, { areaId: issue.area_id, issueId: issue.id }),
    listIssueOutcomes(db, viewer, issue.id),
  ]);
  const phase = issuePhase(issue, options.now);
  return {
    issue: {
      id: issue.id,
      slug: issue.slug,
      title: issue.title,
      summaryHtml: issue.summary_html,
      areaName: issue.areaName,
      areaSlug: issue.areaSlug,
      categorySlug: issue.categorySlug,
      categoryName: issue.categoryName,
      team: issue.team,
      opensAt: issue.opens_at,
      closesAt: issue.closes_at,
      closedEarlyAt: issue.closed_early_at,
      phase,
      responseDueAt: responseDueAt(
        issueClosedAt({ closesAt: issue.closes_at, closedEarlyAt: issue.closed_early_at }),
        options.responseWeeks,
      ),
    },
    threads: page.threads,
    next: page.next,
    participation,
    announcements,
    outcomes,
    signedIn: viewer !== null,
    following: Boolean(issue.following),
    canManage: mayManageIssues(viewer),
    canExport: mayExportContributions(viewer),
    newThreads: mayStartThread(viewer, phase)
      ? "open"
      : phase === "open" && viewer === null
        ? "sign-in"
        : "closed",
  };
}
