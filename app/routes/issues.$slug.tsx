import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, plural } from "~/components/format";
import { IssuePhaseTag } from "~/components/issue-phase-tag";
import { getIssue, issuePhase } from "~/domain/issues.server";
import { listThreadsForIssue, type ThreadCursor } from "~/domain/threads.server";
import { throwDomainResponse } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.issue.title} — Parley` : "Issue — Parley" },
];

function readCursor(url: URL): ThreadCursor | null {
  const at = url.searchParams.get("before");
  const id = url.searchParams.get("beforeId");
  if (!at || !id || !/^\d+$/.test(id) || Number.isNaN(Date.parse(at))) return null;
  return { lastPostAt: new Date(at), id: Number(id) };
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = context.services.db;
  const issue = await getIssue(db, params.slug ?? "", context.viewer).catch(throwDomainResponse);
  const page = await listThreadsForIssue(db, issue.id, readCursor(new URL(request.url)));
  const now = new Date();
  return {
    issue: {
      slug: issue.slug,
      title: issue.title,
      summaryHtml: issue.summary_html,
      areaName: issue.areaName,
      categoryName: issue.categoryName,
      team: issue.team,
      opensAt: issue.opens_at,
      closesAt: issue.closes_at,
      phase: issuePhase(issue, now),
    },
    threads: page.threads,
    next: page.next,
    signedIn: context.viewer !== null,
  };
}

const KIND_LABEL = {
  discussion: "Discussion",
  idea: "Idea",
  question: "Question to staff",
} as const;

export default function IssuePage() {
  const { issue, threads, next, signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li>{issue.areaName}</li>
        </ol>
      </nav>
      <h1>{issue.title}</h1>
      <p className="meta">
        <IssuePhaseTag phase={issue.phase} /> {issue.categoryName} · {issue.areaName}
        {issue.team ? ` · Run by ${issue.team}` : ""}
      </p>
      <p>
        {issue.phase === "open" || issue.phase === "upcoming"
          ? `Open for comments from ${formatDate(issue.opensAt)} to ${formatDate(issue.closesAt)}.`
          : `The consultation ran from ${formatDate(issue.opensAt)} to ${formatDate(issue.closesAt)}.`}
      </p>
      <div className="summary" dangerouslySetInnerHTML={{ __html: issue.summaryHtml }} />

      <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">Threads</h2>
        {issue.phase === "open" ? (
          <p>
            {signedIn ? (
              <Link className="button" to={`/issues/${issue.slug}/new-thread`}>
                Start a thread
              </Link>
            ) : (
              <>
                <Link
                  to={`/sign-in?redirectTo=${encodeURIComponent(`/issues/${issue.slug}/new-thread`)}`}
                >
                  Sign in
                </Link>{" "}
                or <Link to="/register">register</Link> to start a thread.
              </>
            )}
          </p>
        ) : (
          <p className="notice">This consultation is not taking new threads or posts.</p>
        )}
        {threads.length === 0 ? (
          <p>No one has started a thread yet.</p>
        ) : (
          <ul className="card-list">
            {threads.map((thread) => (
              <li key={thread.id}>
                <h3>
                  <Link to={`/threads/${thread.id}`}>{thread.title}</Link>
                </h3>
                <p className="meta">
                  <span className="tag">{KIND_LABEL[thread.kind]}</span> Started by{" "}
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
              to={`?before=${encodeURIComponent(next.lastPostAt.toISOString())}&beforeId=${next.id}`}
            >
              Older threads
            </Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
