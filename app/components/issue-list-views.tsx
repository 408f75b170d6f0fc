import { Link } from "@remix-run/react";

/** The two views of an area's or category's issues, as plain links. */
export function IssueListViews({ view, label }: { view: "all" | "open"; label: string }) {
  return (
    <nav aria-label={label} className="sort-links">
      <ul>
        <li>
          <Link to="?" aria-current={view === "all" ? "page" : undefined}>
            All issues, latest first
          </Link>
        </li>
        <li>
          <Link to="?view=open" aria-current={view === "open" ? "page" : undefined}>
            Open for comments now
          </Link>
        </li>
      </ul>
    </nav>
  );
}

/** "Older issues" or "Later closing": the next page of the same view. */
export function IssueListNext({ view, next }: { view: "all" | "open"; next: string | null }) {
  if (!next) return null;
  const query = new URLSearchParams(view === "open" ? { view, after: next } : { after: next });
  return (
    <p className="pagination">
      <Link to={`?${query.toString()}`}>
        {view === "open" ? "Issues closing later" : "Older issues"}
      </Link>
    </p>
  );
}
