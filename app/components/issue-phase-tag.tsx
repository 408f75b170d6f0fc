import type { IssuePhase } from "~/domain/policy";

const LABELS: Record<IssuePhase, string> = {
  draft: "Draft",
  upcoming: "Opening soon",
  open: "Open for comments",
  closed: "Closed",
  responded: "Council responded",
};

const MODIFIERS: Record<IssuePhase, string> = {
  draft: "tag--draft",
  upcoming: "tag--closed",
  open: "tag--open",
  closed: "tag--closed",
  responded: "tag--closed",
};

export function IssuePhaseTag({ phase }: { phase: IssuePhase }) {
  return <span className={`tag ${MODIFIERS[phase]}`}>{LABELS[phase]}</span>;
}
