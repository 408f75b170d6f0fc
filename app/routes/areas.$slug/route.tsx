import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Announcements } from "~/components/announcements";
import { IssueList } from "~/components/issue-list";
import { IssueListNext, IssueListViews } from "~/components/issue-list-views";
import { listAnnouncementsFor } from "~/domain/announcements.server";
import { getAreaBySlug, listIssuesIn } from "~/domain/taxonomy.server";
import { throwDomainResponse } from "~/http.server";
import { issueListQuerySchema, parseQuery } from "~/schemas/query";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.area.name} — Parley` : "Area — Parley" },
  ...(data
    ? (["rss", "atom"] as const).map((format) => ({
        tagName: "link",
        rel: "alternate",
        type: `application/${format}+xml`,
        title: `Outcomes in ${data.area.name} (${format === "rss" ? "RSS" : "Atom"})`,
        href: `/feeds/area-${data.area.slug}/${format}`,
      }))
    : []),
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const db = context.services.db;
  const area = await getAreaBySlug(db, params.slug ?? "").catch(throwDomainResponse);
  const query = parseQuery(request, issueListQuerySchema);
  const [page, announcements] = await Promise.all([
    listIssuesIn(
      db,
      { areaId: area.id },
      { view: query.view, after: query.after ?? null },
      new Date(),
    ),
    listAnnouncementsFor(db, { areaId: area.id }),
  ]);
  return { area, announcements, view: query.view, ...page };
}

export default function AreaPage() {
  const { area, announcements, view, issues, next } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs trail={[{ to: "/", label: "Home" }]} />
      <h1>{area.name}</h1>
      {area.description ? <p className="lede">{area.description}</p> : null}
      <Announcements items={announcements} />
      <p className="meta">
        Outcomes in {area.name}: <a href={`/outcomes?area=${area.slug}`}>You said, we did</a> ·{" "}
        <a href={`/how-we-listen?area=${area.slug}`}>How we listen here</a> ·{" "}
        <a href={`/feeds/area-${area.slug}/rss`}>RSS</a> ·{" "}
        <a href={`/feeds/area-${area.slug}/atom`}>Atom</a>
      </p>
      <h2>Issues in {area.name}</h2>
      <IssueListViews view={view} label={`Which issues in ${area.name}`} />
      <IssueList
        issues={issues}
        label={view === "open" ? `Open issues in ${area.name}` : `Issues in ${area.name}`}
        show="category"
        empty={
          view === "open" ? `Nothing in ${area.name} is open for comments right now.` : undefined
        }
      />
      <IssueListNext view={view} next={next} />
    </>
  );
}
