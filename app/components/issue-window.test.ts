import { describe, expect, it } from "vitest";
import { ISSUE_PHASES } from "~/domain/policy/issue-phase";
import { issueClosedAt, issueWindowSentence, issueWindowWords } from "./issue-window";

// Dates at noon UTC: the same calendar day in London in every season.
const opensAt = new Date("2027-01-03T12:00:00Z");
const closesAt = new Date("2027-01-17T12:00:00Z");
const earlyAt = new Date("2027-01-09T12:00:00Z");

describe("how an issue's window is described", () => {
  it("gives both dates before the window: opening soon, or a draft", () => {
    for (const phase of ["upcoming", "draft"] as const)
      expect(issueWindowWords({ phase, opensAt, closesAt, closedEarlyAt: null })).toBe(
        "opens 3 January 2027 · closes 17 January 2027",
      );
  });

  it("says when it closes while open", () => {
    const issue = { phase: "open" as const, opensAt, closesAt, closedEarlyAt: null };
    expect(issueWindowWords(issue)).toBe("closes 17 January 2027");
    expect(issueWindowSentence(issue)).toBe(
      "Open for comments from 3 January 2027 to 17 January 2027.",
    );
  });

  it("says when it closed once closed, and responded", () => {
    for (const phase of ["closed", "responded"] as const)
      expect(issueWindowWords({ phase, opensAt, closesAt, closedEarlyAt: null })).toBe(
        "closed 17 January 2027",
      );
  });

  it("gives the real date when an officer closed it early, before and after responding", () => {
    for (const phase of ["closed", "responded"] as const) {
      const issue = { phase, opensAt, closesAt, closedEarlyAt: earlyAt };
      expect(issueWindowWords(issue)).toBe("closed 9 January 2027");
      expect(issueWindowSentence(issue)).toBe(
        "The consultation ran from 3 January 2027 and closed early, on 9 January 2027 (it was due to close on 17 January 2027).",
      );
    }
  });

  it("never says closed before the window has ended, in any phase", () => {
    for (const phase of ISSUE_PHASES) {
      const words = issueWindowWords({ phase, opensAt, closesAt, closedEarlyAt: null });
      expect(words.startsWith("closed")).toBe(phase === "closed" || phase === "responded");
    }
  });

  it("takes the earlier date if the closing date was later moved before the early close", () => {
    expect(issueClosedAt({ closesAt: earlyAt, closedEarlyAt: closesAt })).toEqual(earlyAt);
  });
});
