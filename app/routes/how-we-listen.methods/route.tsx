import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { FIGURE_METHODS } from "~/domain/listening/figure-methods";

export const meta: MetaFunction = () => [
  { title: "How the listening figures are counted — Parley" },
];

const HEADINGS: Record<keyof typeof FIGURE_METHODS, string> = {
  questionsAnswered: "Questions answered officially",
  medianAnswer: "Median time to an official answer",
  unanswered: "Questions still unanswered",
  consultationsOnTime: "Outcomes published by their due date",
  medianToOutcome: "Median days from closing to outcome",
  overdue: "Overdue outcomes",
  outcomesByStatus: "Outcomes by status and progress",
  participation: "People taking part, new and returning",
  moderation: "Posts held and time waiting for a moderator",
  appeals: "Appeals upheld and overturned",
};

export default function MethodsPage() {
  return (
    <>
      <h1>How the listening figures are counted</h1>
      <p className="lede">
        Every figure on <Link to="/how-we-listen">How we listen</Link> is counted from what happened
        on Parley, from public contributions only. Times are measured between the two moments (so a
        clock change does not add or remove an hour); months are UK calendar months. A median is the
        middle value (the mean of the two middle ones for an even count); a figure with nothing to
        count shows “—”, not zero.
      </p>
      <dl className="methods">
        {(Object.keys(FIGURE_METHODS) as (keyof typeof FIGURE_METHODS)[]).map((key) => (
          <div key={key} id={key}>
            <dt>{HEADINGS[key]}</dt>
            <dd>{FIGURE_METHODS[key]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
