import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
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

export function loader({ context }: LoaderFunctionArgs) {
  return { maxAgeMinutes: context.services.config.figuresMaxAgeMinutes };
}

export default function MethodsPage() {
  const { maxAgeMinutes } = useLoaderData<typeof loader>();
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
      <h2>When the figures are counted</h2>
      <p>
        {maxAgeMinutes > 0
          ? `Each period and area is counted afresh at most every ${maxAgeMinutes} minutes, and the page says when its figures were counted.`
          : "The figures are counted afresh each time the page is opened."}{" "}
        The figures can be downloaded as <Link to="/open-data">open data</Link>, exactly as the page
        shows them.
      </p>
    </>
  );
}
