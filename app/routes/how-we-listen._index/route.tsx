import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatDateTime } from "~/components/format";
import { ListeningFigureSections, PeriodAreaForm } from "~/components/listening-figures";
import { listeningOptions, readListeningPage } from "~/domain/listening/listening-page.server";
import { throwDomainResponse } from "~/http.server";
import { listeningQuerySchema } from "~/schemas/listening";
import { parseQuery } from "~/schemas/query";

export const meta: MetaFunction = () => [{ title: "How we listen — Parley" }];

const querySchema = listeningQuerySchema("12m");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = parseQuery(request, querySchema);
  const { config, db } = context.services;
  return readListeningPage(db, {
    ...listeningOptions(config, { period: query.period, areaSlug: query.area ?? null }),
    listLimit: 20,
  }).catch(throwDomainResponse);
}

export default function HowWeListenPage() {
  const { period, area, areas, figures, computedAt, totals } = useLoaderData<typeof loader>();
  const query = `period=${period.key}${area ? `&area=${area.slug}` : ""}`;
  const where = area ? `in ${area.name}` : "across Northbridge";
  return (
    <>
      <h1>How we listen{area ? `: ${area.name}` : ""}</h1>
      <p className="lede">
        How the council answers questions, publishes outcomes and hears every area, {where}, over{" "}
        {period.label} ({formatDate(new Date(period.from))} to {formatDate(new Date(period.to))}),
        counted from what happened on Parley. Only public contributions are counted.
      </p>
      <p>
        Counted at {formatDateTime(new Date(computedAt))}. Download these figures as{" "}
        <a href={`/open-data/listening-figures.csv?${query}`} download>
          CSV
        </a>{" "}
        or{" "}
        <a href={`/open-data/listening-figures.json?${query}`} download>
          JSON
        </a>{" "}
        (<Link to="/open-data">open data</Link>, free to reuse).
      </p>
      <PeriodAreaForm period={period} area={area} areas={areas} />
      <ListeningFigureSections
        figures={figures}
        area={area}
        overdueTotal={totals.overdue}
        downloadHref={`/open-data/listening-figures.csv?${query}`}
      />
    </>
  );
}
