import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { IssueList } from "~/components/issue-list";
import { getCategoryBySlug, listIssuesIn } from "~/domain/taxonomy.server";
import { throwDomainResponse } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.category.name} — Parley` : "Category — Parley" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = context.services.db;
  const category = await getCategoryBySlug(db, params.slug ?? "").catch(throwDomainResponse);
  const after = new URL(request.url).searchParams.get("after");
  const page = await listIssuesIn(db, { categoryId: category.id }, after, new Date());
  return { category, ...page };
}

export default function CategoryPage() {
  const { category, issues, next } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/", label: "Home" }]} />
      <h1>{category.name}</h1>
      <IssueList issues={issues} label={`Issues about ${category.name}`} show="area" />
      {next ? (
        <p className="pagination">
          <Link to={`?after=${encodeURIComponent(next)}`}>Older issues</Link>
        </p>
      ) : null}
    </>
  );
}
