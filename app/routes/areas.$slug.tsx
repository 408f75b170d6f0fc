import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IssueList } from "~/components/issue-list";
import { getAreaBySlug, listIssuesIn } from "~/domain/taxonomy.server";
import { throwDomainResponse } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.area.name} — Parley` : "Area — Parley" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = context.services.db;
  const area = await getAreaBySlug(db, params.slug ?? "").catch(throwDomainResponse);
  const page = await listIssuesIn(
    db,
    { areaId: area.id },
    new URL(request.url).searchParams.get("after"),
    new Date(),
  );
  return { area, ...page };
}

export default function AreaPage() {
  const { area, issues, next } = useLoaderData<typeof loader>();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
        </ol>
      </nav>
      <h1>{area.name}</h1>
      {area.description ? <p className="lede">{area.description}</p> : null}
      <h2>Issues in {area.name}</h2>
      <IssueList issues={issues} label={`Issues in ${area.name}`} show="category" />
      {next ? (
        <p className="pagination">
          <Link to={`?after=${encodeURIComponent(next)}`}>Older issues</Link>
        </p>
      ) : null}
    </>
  );
}
