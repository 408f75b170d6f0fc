import type { IssuePhase } from "~/domain/policy";

const LABELS: Record<IssuePhase, string> = {
  draft: "Draft",
  upcoming: "Opening soon",
  open: "Open for comments",
  closed: "Closed",
  responded: "Council responded",
};

export function IssuePhaseTag({ phase }: { phase: IssuePhase }) {
  const modifier =
    phase === "open" ? "tag--open" : phase === "draft" ? "tag--draft" : "tag--closed";
  return <span className={`tag ${modifier}`}>{LABELS[phase]}</span>;
}
