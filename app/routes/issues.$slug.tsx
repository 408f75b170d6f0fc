import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { formatDate, plural, timeLeft } from "~/components/format";
import { IssuePhaseTag } from "~/components/issue-phase-tag";
import { THREAD_KIND_LABEL } from "~/components/thread-kind";
import { getIssue, getParticipation } from "~/domain/issues.server";
import { issuePhase } from "~/domain/policy";
import { can } from "~/permissions";
import { listThreadsForIssue, type ThreadSort } from "~/domain/threads.server";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { Announcements } from "~/components/announcements";
import { IssueTimeline } from "~/components/issue-timeline";
import { listIssueOutcomes, responseDueAt } from "~/domain/outcomes.server";
import { FollowForm } from "~/components/follow-form";
import { listAnnouncementsFor } from "~/domain/announcements.server";
import { follow, isFollowing, unfollow } from "~/domain/follows.server";
import { throwDomainResponse } from "~/http.server";
import { parseForm } from "~/schemas/parse-form";
import { z } from "zod";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.issue.title} — Parley` : "Issue — Parley" },
  ...(data
    ? (["rss", "atom"] as const).map((format) => ({
        tagName: "link",
        rel: "alternate",
        type: `application/${format}+xml`,
        title: `Outcomes on “${data.issue.title}” (${format === "rss" ? "RSS" : "Atom"})`,
        href: `/feeds/issue-${data.issue.slug}/${format}`,
      }))
    : []),
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = context.services.db;
  const issue = await getIssue(db, params.slug ?? "", context.viewer).catch(throwDomainResponse);
  const url = new URL(request.url);
  const sort: ThreadSort = url.searchParams.get("sort") === "supported" ? "supported" : "recent";
  const [page, participation, announcements, outcomes] = await Promise.all([
    listThreadsForIssue(db, issue.id, { sort, after: url.searchParams.get("after") }),
    getParticipation(db, issue.id),
    listAnnouncementsFor(db, { areaId: issue.area_id, issueId: issue.id }),
    listIssueOutcomes(db, context.viewer, issue.id),
  ]);
  const now = new Date();
  return {
    issue: {
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
      phase: issuePhase(issue, now),
      responseDueAt: responseDueAt(issue.closes_at, context.services.config.responseWeeks),
    },
    outcomes,
    now,
    participation,
    announcements,
    canEdit: can(context.viewer, "create:issue:any"),
    threads: page.threads,
    next: page.next,
    sort,
    signedIn: context.viewer !== null,
    following: context.viewer
      ? await isFollowing(db, context.viewer.id, { kind: "issue", id: issue.id })
      : false,
  };
}

const issueActionSchema = z.object({
  intent: z.enum(["follow-issue", "unfollow-issue"], {
    error: "That action isn't available here.",
  }),
});

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const form = parseForm(issueActionSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const db = context.services.db;
  try {
    const issue = await getIssue(db, params.slug ?? "", viewer);
    const target = { kind: "issue" as const, id: issue.id };
    if (form.data.intent === "follow-issue") await follow(db, viewer, target);
    else await unfollow(db, viewer, target);
    return redirect(`/issues/${issue.slug}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function IssuePage() {
  const {
    issue,
    threads,
    next,
    sort,
    signedIn,
    following,
    now,
    participation,
    announcements,
    canEdit,
    outcomes,
  } = useLoaderData<typeof loader>();
  const newThreadPath = `/issues/${issue.slug}/new-thread`;
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/", label: "Home" },
          { to: `/areas/${issue.areaSlug}`, label: issue.areaName },
        ]}
      />
      <h1>{issue.title}</h1>
      <p className="meta">
        <IssuePhaseTag phase={issue.phase} />{" "}
        <Link to={`/categories/${issue.categorySlug}`}>{issue.categoryName}</Link> ·{" "}
        <Link to={`/areas/${issue.areaSlug}`}>{issue.areaName}</Link>
        {issue.team ? ` · Run by ${issue.team}` : ""}
      </p>
      {signedIn ? <FollowForm following={following} what="issue" /> : null}
      {canEdit ? (
        <p>
          <Link to={`/issues/${issue.slug}/edit`}>Edit this issue</Link>
        </p>
      ) : null}
      <p>
        {issue.phase === "open" ? <strong>{timeLeft(issue.closesAt, now)}. </strong> : null}
        {issue.phase === "open" || issue.phase === "upcoming"
          ? `Open for comments from ${formatDate(issue.opensAt)} to ${formatDate(issue.closesAt)}.`
          : `The consultation ran from ${formatDate(issue.opensAt)} to ${formatDate(issue.closesAt)}.`}
      </p>
      <Announcements items={announcements} />
      <div className="summary" dangerouslySetInnerHTML={{ __html: issue.summaryHtml }} />
      <IssueTimeline
        opensAt={issue.opensAt}
        closesAt={issue.closesAt}
        now={now}
        responseDueAt={issue.responseDueAt}
        outcomes={outcomes}
      />
      {canEdit ? (
        <p>
          <Link to={`/issues/${issue.slug}/outcomes/new`}>Write an outcome for this issue</Link>
        </p>
      ) : null}
      <p className="meta">
        Outcome updates for this issue: <a href={`/feeds/issue-${issue.slug}/rss`}>RSS</a> ·{" "}
        <a href={`/feeds/issue-${issue.slug}/atom`}>Atom</a>
      </p>
      <section aria-labelledby="participation-heading">
        <h2 id="participation-heading" className="visually-hidden">
          Participation
        </h2>
        <dl className="stats">
          <div>
            <dt>People taking part</dt>
            <dd>{participation.people.toLocaleString("en-GB")}</dd>
          </div>
          <div>
            <dt>Threads</dt>
            <dd>{participation.threads.toLocaleString("en-GB")}</dd>
          </div>
          <div>
            <dt>Posts</dt>
            <dd>{participation.posts.toLocaleString("en-GB")}</dd>
          </div>
          <div>
            <dt>Supports</dt>
            <dd>{participation.supports.toLocaleString("en-GB")}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">Threads</h2>
        {issue.phase === "open" ? (
          <p>
            {signedIn ? (
              <Link className="button" to={newThreadPath}>
                Start a thread
              </Link>
            ) : (
              <>
                <Link to={`/sign-in?redirectTo=${encodeURIComponent(newThreadPath)}`}>Sign in</Link>{" "}
                or <Link to="/register">register</Link> to start a thread.
              </>
            )}
          </p>
        ) : (
          <p className="notice">This consultation is not taking new threads or posts.</p>
        )}
        <nav aria-label="Sort threads" className="sort-links">
          <ul>
            <li>
              <Link to="?" aria-current={sort === "recent" ? "page" : undefined}>
                Most recent activity
              </Link>
            </li>
            <li>
              <Link to="?sort=supported" aria-current={sort === "supported" ? "page" : undefined}>
                Most supported ideas
              </Link>
            </li>
          </ul>
        </nav>
        {threads.length === 0 ? (
          <p>
            {sort === "supported"
              ? "No one has proposed an idea yet."
              : "No one has started a thread yet."}
          </p>
        ) : (
          <ul className="card-list" aria-label={sort === "supported" ? "Ideas" : "Threads"}>
            {threads.map((thread) => (
              <li key={thread.id}>
                <h3>
                  <Link to={`/threads/${thread.id}`}>{thread.title}</Link>
                </h3>
                <p className="meta">
                  <span className="tag">{THREAD_KIND_LABEL[thread.kind]}</span> Started by{" "}
                  {thread.authorName} · {plural(thread.replyCount, "reply", "replies")}
                  {thread.kind === "idea" ? ` · ${plural(thread.supportCount, "supporter")}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
        {next ? (
          <p className="pagination">
            <Link
              to={`?${sort === "supported" ? "sort=supported&" : ""}after=${encodeURIComponent(next)}`}
            >
              Older threads
            </Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
