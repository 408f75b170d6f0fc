import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { IssueList } from "~/components/issue-list";
import { IssueListNext, IssueListViews } from "~/components/issue-list-views";
import { getCategoryBySlug, listIssuesIn } from "~/domain/taxonomy.server";
import { throwDomainResponse } from "~/http.server";
import { issueListQuerySchema, parseQuery } from "~/schemas/query";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.category.name} — Parley` : "Category — Parley" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = context.services.db;
  const category = await getCategoryBySlug(db, params.slug ?? "").catch(throwDomainResponse);
  const query = parseQuery(request, issueListQuerySchema);
  const page = await listIssuesIn(
    db,
    { categoryId: category.id },
    { view: query.view, after: query.after ?? null },
    new Date(),
  );
  return { category, view: query.view, ...page };
}

export default function CategoryPage() {
  const { category, view, issues, next } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/", label: "Home" }]} />
      <h1>{category.name}</h1>
      <IssueListViews view={view} label={`Which issues about ${category.name}`} />
      <IssueList
        issues={issues}
        label={
          view === "open" ? `Open issues about ${category.name}` : `Issues about ${category.name}`
        }
        show="area"
        empty={
          view === "open"
            ? `Nothing about ${category.name} is open for comments right now.`
            : undefined
        }
      />
      <IssueListNext view={view} next={next} />
    </>
  );
}
