import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderOutcomesFeed, type FeedFormat } from "~/feeds.server";
import { listOutcomes } from "~/domain/outcomes.server";
import { getAreaBySlug } from "~/domain/taxonomy.server";
import { getIssue } from "~/domain/issues.server";
import { throwDomainResponse } from "~/http.server";

/**
 * Outcome feeds: /feeds/outcomes/rss (site-wide), /feeds/area-<slug>/atom, /feeds/issue-<slug>/rss.
 */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const format = params.format;
  if (format !== "rss" && format !== "atom") throw new Response("Not found", { status: 404 });
  const scope = params.scope ?? "";
  const db = context.services.db;
  const origin = context.services.config.publicOrigin ?? new URL(request.url).origin;
  let filters: Parameters<typeof listOutcomes>[1] = { limit: 50 };
  let title = "You said, we did — Northbridge Borough Council";
  let pagePath = "/outcomes";
  if (scope.startsWith("area-")) {
    const area = await getAreaBySlug(db, scope.slice(5)).catch(throwDomainResponse);
    filters = { ...filters, areaSlug: area.slug };
    title = `You said, we did in ${area.name} — Northbridge Borough Council`;
    pagePath = `/outcomes?area=${area.slug}`;
  } else if (scope.startsWith("issue-")) {
    const issue = await getIssue(db, scope.slice(6), null).catch(throwDomainResponse);
    filters = { ...filters, issueId: issue.id };
    title = `Outcomes on “${issue.title}” — Northbridge Borough Council`;
    pagePath = `/issues/${issue.slug}`;
  } else if (scope !== "outcomes") {
    throw new Response("Not found", { status: 404 });
  }
  const { outcomes } = await listOutcomes(db, filters);
  const xml = renderOutcomesFeed(outcomes, {
    title,
    description: "What the council decided and did about the issues residents raised.",
    origin,
    pagePath,
    feedPath: (f: FeedFormat) => `/feeds/${scope}/${f}`,
    format,
  });
  return new Response(xml, {
    headers: {
      "Content-Type":
        format === "rss"
          ? "application/rss+xml; charset=utf-8"
          : "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
}
