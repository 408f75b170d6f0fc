/**
 * The listening figures as sections of a page, each figure with its one-sentence method,
 * and the period and area form: shared by the public page and the staff dashboard.
 */
import { Form, Link } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { formatDate, plural } from "~/components/format";
import { FIGURE_METHODS } from "~/domain/listening/figure-methods";
import type { ListeningFigures } from "~/domain/listening/listening-figures.server";
import { PERIODS, type PeriodKey } from "~/domain/listening/periods";
import { OUTCOME_STATUS_LABEL } from "~/domain/outcome-labels";
import { OUTCOME_STATUSES } from "../../db/schema";

export const percent = (value: number | null) =>
  value === null ? "—" : `${Math.round(value * 100)}%`;
export const number = (value: number | null, digits = 0) =>
  value === null ? "—" : value.toLocaleString("en-GB", { maximumFractionDigits: digits });

export function Figure({
  label,
  value,
  method,
}: {
  label: string;
  value: string;
  method: keyof typeof FIGURE_METHODS;
}) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <span className="figure__value">{value}</span>
        <span className="figure__method">
          {FIGURE_METHODS[method]}{" "}
          <Link to={`/how-we-listen/methods#${method}`}>How this is counted</Link>
        </span>
      </dd>
    </div>
  );
}

export function PeriodAreaForm({
  period,
  area,
  areas,
  action,
}: {
  period: { key: PeriodKey };
  area: { slug: string } | null;
  areas: { slug: string; name: string }[];
  /** Where the form goes: the page it is on (a plain GET form, no JavaScript needed). */
  action?: string;
}) {
  return (
    <Form method="get" action={action} className="filters" aria-label="Choose the period and area">
      <div className="field">
        <label htmlFor="period" className="field__label">
          Period
        </label>
        <select id="period" name="period" className="field__input" defaultValue={period.key}>
          {Object.entries(PERIODS).map(([key, value]) => (
            <option key={key} value={key}>
              {value.label[0]!.toUpperCase() + value.label.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="area" className="field__label">
          Area
        </label>
        <select id="area" name="area" className="field__input" defaultValue={area?.slug ?? ""}>
          <option value="">All of Northbridge</option>
          {areas.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        Show
      </button>
    </Form>
  );
}

export function ListeningFigureSections({
  figures,
  area,
  overdueTotal,
  downloadHref,
}: {
  figures: ListeningFigures;
  area: { name: string } | null;
  /** How many outcomes are overdue in full (the list may show only the first ones). */
  overdueTotal: number;
  /** The figures' CSV download, which lists every overdue outcome. */
  downloadHref: string;
}) {
  const { questions, consultations, outcomes, participation, moderation } = figures;
  return (
    <>
      <section aria-labelledby="questions">
        <h2 id="questions">Questions to staff</h2>
        <dl className="figures">
          <Figure
            label="Answered officially"
            value={`${percent(questions.shareAnswered)} (${questions.answered} of ${questions.asked})`}
            method="questionsAnswered"
          />
          <Figure
            label="Median time to an official answer"
            value={
              questions.medianHoursToAnswer === null
                ? "—"
                : questions.medianHoursToAnswer < 48
                  ? `${number(questions.medianHoursToAnswer, 1)} hours`
                  : `${number(questions.medianHoursToAnswer / 24, 1)} days`
            }
            method="medianAnswer"
          />
          <Figure
            label="Still unanswered after the target time"
            value={number(questions.unansweredAfterDays)}
            method="unanswered"
          />
        </dl>
      </section>

      <section aria-labelledby="consultations">
        <h2 id="consultations">Consultations and their outcomes</h2>
        <dl className="figures">
          <Figure
            label="Closed in the period, with a published outcome"
            value={`${consultations.withOutcome} of ${consultations.closed}`}
            method="consultationsOnTime"
          />
          <Figure
            label="Outcome published by its due date"
            value={percent(consultations.shareOnTime)}
            method="consultationsOnTime"
          />
          <Figure
            label="Median days from closing to outcome"
            value={number(consultations.medianDaysToOutcome, 1)}
            method="medianToOutcome"
          />
        </dl>
        <h3>Overdue now</h3>
        {overdueTotal > consultations.overdue.length ? (
          <p>
            {overdueTotal} outcomes are overdue; the {consultations.overdue.length} longest overdue
            are listed. Every one is in the{" "}
            <a href={downloadHref} download>
              figures as CSV
            </a>
            .
          </p>
        ) : null}
        {consultations.overdue.length ? (
          <ul className="card-list" aria-label="Overdue outcomes">
            {consultations.overdue.map((issue) => (
              <li key={issue.slug}>
                <Link to={`/issues/${issue.slug}`}>{issue.title}</Link>
                <p className="meta">
                  Closed {formatDate(new Date(issue.closedAt))}, outcome due{" "}
                  {formatDate(new Date(issue.dueAt))}:{" "}
                  <strong>{plural(issue.daysLate, "day")} late</strong>
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>No outcome is overdue.</p>
        )}
      </section>

      <section aria-labelledby="outcomes">
        <h2 id="outcomes">Outcomes published</h2>
        <BarChart
          title="Outcomes by status"
          summary={`${outcomes.published} outcomes were published in the period; their average progress is ${number(outcomes.averageProgress)}%.`}
          valueLabel="Outcomes"
          data={OUTCOME_STATUSES.map((status) => ({
            label: OUTCOME_STATUS_LABEL[status],
            value: outcomes.byStatus[status] ?? 0,
          }))}
        />
        <p className="figure__method">
          {FIGURE_METHODS.outcomesByStatus}{" "}
          <Link to="/how-we-listen/methods#outcomesByStatus">How this is counted</Link>
        </p>
      </section>

      <section aria-labelledby="participation">
        <h2 id="participation">Who took part</h2>
        <dl className="figures">
          <Figure
            label="People taking part"
            value={`${participation.people} (${participation.newPeople} new, ${participation.returningPeople} returning)`}
            method="participation"
          />
        </dl>
        <BarChart
          title="Posts by month"
          summary={`${participation.byMonth.reduce((sum, m) => sum + m.posts, 0)} public posts over ${participation.byMonth.length} months.`}
          valueLabel="Posts"
          data={participation.byMonth.map((m) => ({ label: m.month, value: m.posts }))}
        />
        <BarChart
          title="Supports by month"
          summary={`${participation.byMonth.reduce((sum, m) => sum + m.supports, 0)} supports for ideas over ${participation.byMonth.length} months.`}
          valueLabel="Supports"
          data={participation.byMonth.map((m) => ({ label: m.month, value: m.supports }))}
        />
        {area ? null : (
          <BarChart
            title="Posts by area"
            summary={`Areas with the fewest posts: ${[...participation.byArea]
              .sort((a, b) => a.posts - b.posts)
              .slice(0, 2)
              .map((a) => `${a.area} (${a.posts})`)
              .join(" and ")}.`}
            valueLabel="Posts"
            data={participation.byArea.map((a) => ({ label: a.area, value: a.posts }))}
          />
        )}
      </section>

      <section aria-labelledby="moderation">
        <h2 id="moderation">Moderation</h2>
        <dl className="figures">
          <Figure
            label="Posts held for a moderator first"
            value={`${percent(moderation.shareHeld)} (${moderation.postsHeld} of ${moderation.postsWritten})`}
            method="moderation"
          />
          <Figure
            label="Median time waiting for a moderator"
            value={
              moderation.medianHoursInQueue === null
                ? "—"
                : `${number(moderation.medianHoursInQueue, 1)} hours`
            }
            method="moderation"
          />
          <Figure
            label="Appeals"
            value={`${moderation.appealsUpheld} upheld, ${moderation.appealsOverturned} overturned`}
            method="appeals"
          />
        </dl>
      </section>
    </>
  );
}
