import { Link } from "@remix-run/react";
import type { IssuePhase } from "~/domain/policy";
import { formatDate } from "./format";
import { IssuePhaseTag } from "./issue-phase-tag";

export interface IssueListEntry {
  id: number;
  slug: string;
  title: string;
  phase: IssuePhase;
  closesAt: Date;
  areaName: string;
  categoryName: string;
}

/** A list of issues with their phase, for area and category pages. */
export function IssueList({
  issues,
  label,
  show,
}: {
  issues: IssueListEntry[];
  label: string;
  show: "area" | "category";
}) {
  if (issues.length === 0) return <p>No issues here yet.</p>;
  return (
    <ul className="card-list" aria-label={label}>
      {issues.map((issue) => (
        <li key={issue.id}>
          <Link to={`/issues/${issue.slug}`} className="card-list__title">
            {issue.title}
          </Link>
          <p className="meta">
            <IssuePhaseTag phase={issue.phase} />{" "}
            {show === "area" ? issue.areaName : issue.categoryName} ·{" "}
            {issue.phase === "open" ? "closes" : "closed"} {formatDate(issue.closesAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}
