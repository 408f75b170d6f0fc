/**
 * The listening figures as rows of one table (section, measure, breakdown, value), for
 * the CSV download: the same numbers as the page, one per row, nothing rounded.
 */
import type { ListeningFigures } from "./listening-figures.server";

export type FigureRow = {
  section: string;
  measure: string;
  breakdown: string;
  value: number | string | null;
};

export const FIGURE_ROW_COLUMNS = ["section", "measure", "breakdown", "value"] as const;

export function listeningFigureRows(figures: ListeningFigures): FigureRow[] {
  const { questions, consultations, outcomes, participation, moderation } = figures;
  const row = (section: string, measure: string, value: FigureRow["value"], breakdown = "") => ({
    section,
    measure,
    breakdown,
    value,
  });
  return [
    row("questions", "asked", questions.asked),
    row("questions", "answered", questions.answered),
    row("questions", "share_answered", questions.shareAnswered),
    row("questions", "median_hours_to_answer", questions.medianHoursToAnswer),
    row("questions", "unanswered_after_target", questions.unansweredAfterDays),
    row("consultations", "closed", consultations.closed),
    row("consultations", "with_outcome", consultations.withOutcome),
    row("consultations", "share_on_time", consultations.shareOnTime),
    row("consultations", "median_days_to_outcome", consultations.medianDaysToOutcome),
    ...consultations.overdue.map((issue) =>
      row("consultations", "overdue_days_late", issue.daysLate, issue.slug),
    ),
    row("outcomes", "published", outcomes.published),
    ...Object.entries(outcomes.byStatus).map(([status, n]) =>
      row("outcomes", "by_status", n, status),
    ),
    row("outcomes", "average_progress", outcomes.averageProgress),
    row("participation", "people", participation.people),
    row("participation", "new_people", participation.newPeople),
    row("participation", "returning_people", participation.returningPeople),
    ...participation.byMonth.flatMap((m) => [
      row("participation", "posts_by_month", m.posts, m.month),
      row("participation", "supports_by_month", m.supports, m.month),
    ]),
    ...participation.byArea.flatMap((a) => [
      row("participation", "posts_by_area", a.posts, a.area),
      row("participation", "people_by_area", a.people, a.area),
    ]),
    row("moderation", "posts_written", moderation.postsWritten),
    row("moderation", "posts_held", moderation.postsHeld),
    row("moderation", "share_held", moderation.shareHeld),
    row("moderation", "median_hours_in_queue", moderation.medianHoursInQueue),
    ...Object.entries(moderation.decisions).map(([status, n]) =>
      row("moderation", "decisions", n, status),
    ),
    row("moderation", "appeals_upheld", moderation.appealsUpheld),
    row("moderation", "appeals_overturned", moderation.appealsOverturned),
  ];
}
