import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { formatDateTime, plural, timeLeft } from "~/components/format";
import { issueClosedAt, issueWindowSentence } from "~/components/issue-window";
import { IssuePhaseTag } from "~/components/issue-phase-tag";
import { THREAD_KIND_LABEL } from "~/components/thread-kind";
import { getIssue } from "~/domain/issues.server";
import { getIssuePage } from "~/domain/pages/issue-page.server";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { Announcements } from "~/components/announcements";
import { IssueTimeline } from "~/components/issue-timeline";
import { FollowForm } from "~/components/follow-form";
import { follow, unfollow } from "~/domain/follows.server";
import { throwDomainResponse } from "~/http.server";
import { parseForm } from "~/schemas/parse-form";
import { parseQuery } from "~/schemas/query";
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

const issueQuerySchema = z.object({
  // Unknown sort orders fall back to the default, as links from older pages may carry them.
  sort: z.enum(["recent", "supported"]).catch("recent"),
  after: z.string().max(100).optional().catch(undefined),
});

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const query = parseQuery(request, issueQuerySchema);
  const page = await getIssuePage(
    context.services.db,
    context.viewer,
    { slug: params.slug ?? "", sort: query.sort, after: query.after ?? null },
    { now: new Date(), responseWeeks: context.services.config.responseWeeks },
  ).catch(throwDomainResponse);
  context.services.pageViews.count({
    issueId: page.issue.id,
    threadId: null,
    userAgent: request.headers.get("User-Agent"),
  });
  return { ...page, sort: query.sort, now: new Date() };
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
    canManage,
    canExport,
    newThreads,
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
      {canManage ? (
        <p>
          <Link to={`/issues/${issue.slug}/edit`}>Edit this issue</Link>
        </p>
      ) : null}
      <p>
        {issue.phase === "open" ? <strong>{timeLeft(issue.closesAt, now)}. </strong> : null}
        {issueWindowSentence(issue)}
      </p>
      <Announcements items={announcements} />
      <div className="summary" dangerouslySetInnerHTML={{ __html: issue.summaryHtml }} />
      <IssueTimeline
        opensAt={issue.opensAt}
        closesAt={issueClosedAt(issue)}
        now={now}
        responseDueAt={issue.responseDueAt}
        outcomes={outcomes}
      />
      {canManage || canExport ? (
        <p>
          {canManage ? (
            <>
              <Link to={`/issues/${issue.slug}/analysis`}>Analyse what residents said</Link> ·{" "}
              <Link to={`/issues/${issue.slug}/outcomes/new`}>Write an outcome for this issue</Link>{" "}
              ·{" "}
            </>
          ) : null}
          <a href={`/issues/${issue.slug}/contributions.csv`} download>
            Download contributions (CSV)
          </a>
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
        {participation.countedAt ? (
          <p className="meta">
            Counted at {formatDateTime(participation.countedAt)}, and again every minute while the
            issue is active.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">Threads</h2>
        {newThreads !== "closed" ? (
          <p>
            {newThreads === "open" ? (
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
