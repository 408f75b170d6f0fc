/**
 * An issue's story in order: consultation opened, closed, each outcome and its changes,
 * and, while no outcome is published after closing, when the response is due (or overdue).
 */
import { Link } from "@remix-run/react";
import { formatDate } from "~/components/format";
import { OUTCOME_STATUS_LABEL } from "~/domain/outcome-labels";
import type { IssueOutcome } from "~/domain/outcomes.server";

export interface TimelineProps {
  opensAt: Date;
  closesAt: Date;
  now: Date;
  responseDueAt: Date;
  outcomes: IssueOutcome[];
}

export function IssueTimeline({ opensAt, closesAt, now, responseDueAt, outcomes }: TimelineProps) {
  const published = outcomes.filter((o) => o.publishedAt !== null);
  const drafts = outcomes.filter((o) => o.publishedAt === null);
  const closed = closesAt <= now;
  return (
    <section aria-labelledby="timeline-heading" className="timeline">
      <h2 id="timeline-heading">Timeline and outcomes</h2>
      <ol>
        <li>
          <time dateTime={opensAt.toISOString()}>{formatDate(opensAt)}</time>: consultation{" "}
          {opensAt <= now ? "opened" : "opens"}
        </li>
        <li>
          <time dateTime={closesAt.toISOString()}>{formatDate(closesAt)}</time>: consultation{" "}
          {closed ? "closed" : "closes"}
        </li>
        {published.map((outcome) => (
          <li key={outcome.id}>
            {outcome.publishedAt ? (
              <time dateTime={outcome.publishedAt.toISOString()}>
                {formatDate(outcome.publishedAt)}
              </time>
            ) : null}
            : outcome published — <Link to={`/outcomes/${outcome.id}`}>{outcome.title}</Link> (
            {OUTCOME_STATUS_LABEL[outcome.status]}, {outcome.progress}%)
            {outcome.revisions.filter((r) => r.summary !== "Published").length ? (
              <ul>
                {outcome.revisions
                  .filter((r) => r.summary !== "Published")
                  .map((revision, index) => (
                    <li key={index}>
                      <time dateTime={revision.createdAt.toISOString()}>
                        {formatDate(revision.createdAt)}
                      </time>
                      : {revision.summary}
                    </li>
                  ))}
              </ul>
            ) : null}
          </li>
        ))}
        {closed && published.length === 0 ? (
          <li>
            {responseDueAt < now ? <strong className="tag tag--warning">Overdue</strong> : null} The
            council’s response is due by{" "}
            <time dateTime={responseDueAt.toISOString()}>{formatDate(responseDueAt)}</time>.
          </li>
        ) : null}
      </ol>
      {drafts.length ? (
        <p className="meta">
          Draft outcomes (officers only):{" "}
          {drafts.map((d, i) => (
            <span key={d.id}>
              {i ? ", " : ""}
              <Link to={`/outcomes/${d.id}`}>{d.title}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
