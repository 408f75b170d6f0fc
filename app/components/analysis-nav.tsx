import { NavLink } from "@remix-run/react";
import { Breadcrumbs } from "./breadcrumbs";

/** The analysis pages' shared heading: the issue, the three views and the downloads. */
export function AnalysisHeader({
  issue,
  title,
}: {
  issue: { slug: string; title: string };
  title: string;
}) {
  const base = `/issues/${issue.slug}/analysis`;
  return (
    <>
      <Breadcrumbs trail={[{ to: `/issues/${issue.slug}`, label: issue.title }]} />
      <h1>{title}</h1>
      <nav aria-label="Analysis" className="sort-links analysis-nav">
        <ul>
          <li>
            <NavLink to={base} end>
              Contributions
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/themes`}>Themes and summary</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/suggestions`}>Suggestions</NavLink>
          </li>
          <li>
            <a href={`${base}/coding.csv`} download>
              Download CSV
            </a>
          </li>
          <li>
            <a href={`${base}/consult.json`} download>
              Download for Consult (JSON)
            </a>
          </li>
        </ul>
      </nav>
    </>
  );
}
