import { Link } from "@remix-run/react";
import { IssuePhaseTag } from "./issue-phase-tag";
import { issueWindowWords, type IssueWindowFacts } from "./issue-window";

export interface IssueListEntry extends IssueWindowFacts {
  id: number;
  slug: string;
  title: string;
  areaName: string;
  categoryName: string;
}

/** A list of issues with their phase, for area and category pages. */
export function IssueList({
  issues,
  label,
  show,
  empty = "No issues here yet.",
}: {
  issues: IssueListEntry[];
  label: string;
  show: "area" | "category";
  /** What an empty list says. */
  empty?: string;
}) {
  if (issues.length === 0) return <p>{empty}</p>;
  return (
    <ul className="card-list" aria-label={label}>
      {issues.map((issue) => (
        <li key={issue.id}>
          <Link to={`/issues/${issue.slug}`} className="card-list__title">
            {issue.title}
          </Link>
          <p className="meta">
            <IssuePhaseTag phase={issue.phase} />{" "}
            {show === "area" ? issue.areaName : issue.categoryName} · {issueWindowWords(issue)}
          </p>
        </li>
      ))}
    </ul>
  );
}
