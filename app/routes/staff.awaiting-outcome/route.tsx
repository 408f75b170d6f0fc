import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth.server";
import { formatDate } from "~/components/format";
import { TableRegion } from "~/components/table-region";
import { listAwaitingOutcome } from "~/domain/outcomes.server";
import { pageQuerySchema, parseQuery } from "~/schemas/query";

export const meta: MetaFunction = () => [{ title: "Awaiting an outcome — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(
    context,
    request,
    "create:issue:any",
    "Only council officers can see this list.",
  );
  const weeks = context.services.config.responseWeeks;
  const query = parseQuery(request, pageQuerySchema);
  const page = await listAwaitingOutcome(
    context.services.db,
    new Date(),
    weeks,
    query.after ?? null,
  );
  return { ...page, weeks };
}

export default function AwaitingOutcomePage() {
  const { issues, next, weeks } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Closed consultations awaiting an outcome</h1>
      <p className="lede">
        A response is due {weeks} weeks after a consultation closes. Soonest due first.
      </p>
      {issues.length === 0 ? (
        <p>Every closed consultation has a published outcome.</p>
      ) : (
        <TableRegion label="Consultations awaiting an outcome">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Issue</th>
                <th scope="col">Area</th>
                <th scope="col">Closed</th>
                <th scope="col">Response due</th>
                <th scope="col">Write</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((issue) => (
                <tr key={issue.slug}>
                  <td>
                    <Link to={`/issues/${issue.slug}`}>{issue.title}</Link>
                  </td>
                  <td>{issue.areaName}</td>
                  <td>{formatDate(issue.closedAt)}</td>
                  <td>
                    {formatDate(issue.dueAt)}
                    {issue.overdue ? <strong className="tag tag--warning"> Overdue</strong> : null}
                  </td>
                  <td>
                    <Link to={`/issues/${issue.slug}/outcomes/new`}>
                      Write an outcome<span className="visually-hidden"> for {issue.title}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {next ? (
        <p className="pagination">
          <Link to={`?after=${encodeURIComponent(next)}`}>
            More consultations awaiting an outcome
          </Link>
        </p>
      ) : null}
    </>
  );
}
