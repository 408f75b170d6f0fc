import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/form-fields";
import { formatDate } from "~/components/format";
import { OUTCOME_STATUS_LABEL } from "~/domain/outcome-labels";
import { listOutcomes } from "~/domain/outcomes.server";
import { listAreas, listCategories } from "~/domain/taxonomy.server";
import { OUTCOME_STATUSES, type OutcomeStatus } from "../../../db/schema";
import { queryId } from "~/schemas/query";

export const meta: MetaFunction = () => [{ title: "You said, we did — Parley" }];

export const links: LinksFunction = () => [
  {
    rel: "alternate",
    type: "application/rss+xml",
    title: "Outcomes (RSS)",
    href: "/feeds/outcomes/rss",
  },
  {
    rel: "alternate",
    type: "application/atom+xml",
    title: "Outcomes (Atom)",
    href: "/feeds/outcomes/atom",
  },
];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const slug = (value: string | null) => (value && /^[a-z0-9-]{1,80}$/.test(value) ? value : null);
  const statusParam = url.searchParams.get("status");
  const filters = {
    areaSlug: slug(url.searchParams.get("area")),
    categorySlug: slug(url.searchParams.get("category")),
    status: OUTCOME_STATUSES.find((s) => s === statusParam) ?? null,
    beforeId: queryId(url, "before"),
  };
  const db = context.services.db;
  const [page, areas, categories] = await Promise.all([
    listOutcomes(db, filters),
    listAreas(db),
    listCategories(db),
  ]);
  return { ...page, filters, areas, categories };
}

export default function OutcomesPage() {
  const { outcomes, nextBeforeId, filters, areas, categories } = useLoaderData<typeof loader>();
  const next = new URLSearchParams();
  if (filters.areaSlug) next.set("area", filters.areaSlug);
  if (filters.categorySlug) next.set("category", filters.categorySlug);
  if (filters.status) next.set("status", filters.status);
  if (nextBeforeId) next.set("before", String(nextBeforeId));
  return (
    <>
      <h1>You said, we did</h1>
      <p className="lede">
        What the council decided and did about the issues residents raised, newest first. Each
        outcome quotes what residents said and shows its progress.
      </p>
      <p>
        Follow new outcomes: <a href="/feeds/outcomes/rss">RSS</a> ·{" "}
        <a href="/feeds/outcomes/atom">Atom</a>
      </p>
      <Form method="get" className="filters" aria-label="Filter outcomes">
        <SelectField
          name="area"
          label="Area"
          placeholder="All areas"
          options={areas.map((a) => ({ value: a.slug, label: a.name }))}
          defaultValue={filters.areaSlug ?? ""}
        />
        <SelectField
          name="category"
          label="Category"
          placeholder="All categories"
          options={categories.map((c) => ({ value: c.slug, label: c.name }))}
          defaultValue={filters.categorySlug ?? ""}
        />
        <SelectField
          name="status"
          label="Status"
          placeholder="Any status"
          options={OUTCOME_STATUSES.map((s) => ({
            value: s,
            label: OUTCOME_STATUS_LABEL[s as OutcomeStatus],
          }))}
          defaultValue={filters.status ?? ""}
        />
        <button type="submit" className="button button--secondary">
          Filter
        </button>
      </Form>
      {outcomes.length === 0 ? (
        <p>No outcomes match.</p>
      ) : (
        <ol className="card-list" aria-label="Outcomes">
          {outcomes.map((outcome) => (
            <li key={outcome.id}>
              <h2 className="card-list__title">
                <Link to={`/outcomes/${outcome.id}`}>{outcome.title}</Link>
              </h2>
              <p className="meta">
                <span className="tag">{OUTCOME_STATUS_LABEL[outcome.status]}</span>{" "}
                {outcome.progress}% · {outcome.issueTitle} · {outcome.areaName} ·{" "}
                {outcome.categoryName} · published {formatDate(outcome.publishedAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
      {nextBeforeId ? (
        <p className="pagination">
          <Link to={`?${next.toString()}`}>Older outcomes</Link>
        </p>
      ) : null}
    </>
  );
}
