/** Words for outcome statuses, shared by server and pages. */
import type { OutcomeStatus } from "../../db/schema";

export const OUTCOME_STATUS_LABEL: Record<OutcomeStatus, string> = {
  under_consideration: "Under consideration",
  decision_made: "Decision made",
  in_progress: "In progress",
  implemented: "Implemented",
  not_taken_forward: "Not taken forward",
};
