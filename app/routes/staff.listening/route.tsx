import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth.server";
import { BarChart } from "~/components/charts";
import { formatDate, formatDateTime, plural } from "~/components/format";
import { ListeningFigureSections, number, PeriodAreaForm } from "~/components/listening-figures";
import { listeningOptions, readStaffListeningPage } from "~/domain/listening/listening-page.server";
import { throwDomainResponse } from "~/http.server";
import { listeningQuerySchema } from "~/schemas/listening";
import { parseQuery } from "~/schemas/query";

export const meta: MetaFunction = () => [{ title: "Listening dashboard — Parley" }];

const querySchema = listeningQuerySchema("3m");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(
    context,
    request,
    "create:issue:any",
    "Only council officers can see the dashboard.",
  );
  const query = parseQuery(request, querySchema);
  const { config, db } = context.services;
  return readStaffListeningPage(db, {
    ...listeningOptions(config, { period: query.period, areaSlug: query.area ?? null }),
    listLimit: 25,
  }).catch(throwDomainResponse);
}

const hours = (value: number | null) =>
  value === null ? "—" : value < 48 ? `${number(value, 1)} hours` : `${number(value / 24, 1)} days`;

export default function StaffListeningPage() {
  const { period, area, areas, computedAt, figures, staff, totals } =
    useLoaderData<typeof loader>();
  const funnel = staff.funnelTotals;
  const query = `period=${period.key}${area ? `&area=${area.slug}` : ""}`;
  return (
    <>
      <h1>Listening dashboard{area ? `: ${area.name}` : ""}</h1>
      <p className="lede">
        For officers: how residents take part in each issue, what is waiting for you, and how each
        team answers, over {period.label} ({formatDate(new Date(period.from))} to{" "}
        {formatDate(new Date(period.to))}). Public contributions only. Counted at{" "}
        {formatDateTime(new Date(computedAt))}.
      </p>
      <PeriodAreaForm period={period} area={area} areas={areas} action="/staff/listening" />

      <section aria-labelledby="waiting">
        <h2 id="waiting">Questions waiting longest</h2>
        {staff.waitingLongest.length ? (
          <ol className="card-list" aria-label="Questions waiting longest">
            {staff.waitingLongest.map((q) => (
              <li key={q.threadId}>
                <Link to={`/threads/${q.threadId}`}>{q.title}</Link>
                <p className="meta">
                  In {q.issueTitle}: asked {formatDate(new Date(q.askedAt))},{" "}
                  <strong>waiting {plural(q.daysWaiting, "day")}</strong>
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p>Every public question has an official answer.</p>
        )}
      </section>

      <section aria-labelledby="due-soon">
        <h2 id="due-soon">Consultations due soon</h2>
        {staff.dueSoon.length ? (
          <ul className="card-list" aria-label="Consultations due soon">
            {staff.dueSoon.map((item) => (
              <li key={`${item.slug}-${item.what}`}>
                <Link to={`/issues/${item.slug}`}>{item.title}</Link>
                <p className="meta">
                  {item.what === "closes" ? "Closes" : "Outcome due"}{" "}
                  {formatDate(new Date(item.at))} (in {plural(item.daysLeft, "day")})
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>Nothing closes, and no outcome falls due, in the next 14 days.</p>
        )}
      </section>

      <section aria-labelledby="funnel">
        <h2 id="funnel">From reading to taking part</h2>
        <p>
          Views are counted on the server, a number per page per day: no cookie is set and nothing
          about the reader is kept (see the <Link to="/privacy">privacy notice</Link>). A person who
          reads twice counts twice; contributors and supporters are people.
        </p>
        <BarChart
          title="Participation funnel, all issues"
          summary={`${funnel.issueViews} issue page views, ${funnel.threadViews} thread page views, ${funnel.contributors} contributors and ${funnel.supporters} supporters in the period, summed over issues.`}
          valueLabel="Count"
          data={[
            { label: "Issue page views", value: funnel.issueViews },
            { label: "Thread page views", value: funnel.threadViews },
            { label: "Contributors", value: funnel.contributors },
            { label: "Supporters", value: funnel.supporters },
          ]}
        />
        <div className="table-scroll" role="region" aria-label="Funnel by issue" tabIndex={0}>
          <table className="table">
            <caption>
              Funnel and questions by issue
              {totals.issues > staff.byIssue.length
                ? `: the ${staff.byIssue.length} of ${totals.issues} issues with the most contributors`
                : ", most contributors first"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Issue</th>
                <th scope="col">Team</th>
                <th scope="col">Issue views</th>
                <th scope="col">Thread views</th>
                <th scope="col">Contributors</th>
                <th scope="col">Supporters</th>
                <th scope="col">Questions answered</th>
                <th scope="col">Median time to answer</th>
              </tr>
            </thead>
            <tbody>
              {staff.byIssue.map((issue) => (
                <tr key={issue.slug}>
                  <th scope="row">
                    <Link to={`/issues/${issue.slug}`}>{issue.title}</Link>
                  </th>
                  <td>{issue.team ?? "—"}</td>
                  <td>{issue.issueViews}</td>
                  <td>{issue.threadViews}</td>
                  <td>{issue.contributors}</td>
                  <td>{issue.supporters}</td>
                  <td>
                    {issue.answered} of {issue.asked}
                  </td>
                  <td>{hours(issue.medianHoursToAnswer)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="busiest">
        <h2 id="busiest">Busiest threads</h2>
        {staff.busiestThreads.length ? (
          <ol className="card-list" aria-label="Busiest threads">
            {staff.busiestThreads.map((thread) => (
              <li key={thread.threadId}>
                <Link to={`/threads/${thread.threadId}`}>{thread.title}</Link>
                <p className="meta">
                  In {thread.issueTitle}: {thread.posts} posts by {thread.people} people in the
                  period
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p>No public posts in the period.</p>
        )}
      </section>

      <section aria-labelledby="teams">
        <h2 id="teams">Answers by team and officer</h2>
        <div className="table-scroll" role="region" aria-label="Answers by team" tabIndex={0}>
          <table className="table">
            <caption>Questions by the team that runs the issue</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Issues</th>
                <th scope="col">Questions answered</th>
                <th scope="col">Median time to answer</th>
              </tr>
            </thead>
            <tbody>
              {staff.byTeam.map((team) => (
                <tr key={team.team}>
                  <th scope="row">{team.team}</th>
                  <td>{team.issues}</td>
                  <td>
                    {team.answered} of {team.asked}
                  </td>
                  <td>{hours(team.medianHoursToAnswer)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-scroll" role="region" aria-label="Answers by officer" tabIndex={0}>
          <table className="table">
            <caption>Official answers by the officer who gave them</caption>
            <thead>
              <tr>
                <th scope="col">Officer</th>
                <th scope="col">Team</th>
                <th scope="col">Answers</th>
                <th scope="col">Median time to answer</th>
              </tr>
            </thead>
            <tbody>
              {staff.byOfficer.map((officer) => (
                <tr key={`${officer.name}-${officer.team ?? ""}`}>
                  <th scope="row">{officer.name}</th>
                  <td>{officer.team ?? "—"}</td>
                  <td>{officer.answers}</td>
                  <td>{hours(officer.medianHoursToAnswer)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {staff.byOfficer.length ? null : <p>No official answers in the period.</p>}
      </section>

      <ListeningFigureSections
        figures={figures}
        area={area}
        overdueTotal={totals.overdue}
        downloadHref={`/open-data/listening-figures.csv?${query}`}
      />
    </>
  );
}
