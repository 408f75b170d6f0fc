import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, plural } from "~/components/format";
import { listOpenIssuesByArea } from "~/domain/issues.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const areas = await listOpenIssuesByArea(context.services.db, new Date());
  return { areas };
}

export default function Home() {
  const { areas } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>What’s happening in Northbridge</h1>
      <p className="lede">
        Have your say on specific local issues. Council officers read every contribution and publish
        what they did about them.
      </p>
      {areas.length === 0 ? (
        <p>There are no consultations open for comment right now.</p>
      ) : (
        areas.map((area) => (
          <section key={area.id} aria-labelledby={`area-${area.slug}`}>
            <h2 id={`area-${area.slug}`}>{area.name}</h2>
            <ul className="card-list">
              {area.issues.map((issue) => (
                <li key={issue.id}>
                  <h3>
                    <Link to={`/issues/${issue.slug}`}>{issue.title}</Link>
                  </h3>
                  <p className="meta">
                    Open for comments until {formatDate(issue.closesAt)} ·{" "}
                    {plural(issue.threadCount, "thread")}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
