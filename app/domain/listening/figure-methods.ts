/**
 * What each listening figure counts, in one sentence: shown beside the figure and in the
 * methods note. Not a .server module: the page's components read it in the browser too.
 */
export const FIGURE_METHODS = {
  questionsAnswered:
    "Questions to staff started in the period that have an official answer, as a share of all questions started in it.",
  medianAnswer:
    "The middle of the times from a question being asked to its official answer, over the answered questions started in the period.",
  unanswered:
    "Questions started in the period with no official answer, asked more than the stated number of days ago.",
  consultationsOnTime:
    "Consultations that closed in the period and whose outcome is published or due, whose first outcome was published on or before the due date (closing plus the response weeks).",
  medianToOutcome:
    "The middle of the days from a consultation closing to its first published outcome, over the consultations that closed in the period and have one.",
  overdue:
    "Consultations, closed at any time, with no published outcome and a due date already past, with the days since it was due.",
  outcomesByStatus:
    "Outcomes first published in the period, by their current status; progress is the mean of their current percentages.",
  participation:
    "People who wrote a public post or supported an idea in the period; new people did either for the first time on Parley in it.",
  moderation:
    "Posts written in the period that were held for a moderator before publishing, and how long items created in the period waited for a decision.",
  appeals:
    "Appeals decided in the period: upheld keeps the moderator's decision, overturned restores the post.",
} as const;
