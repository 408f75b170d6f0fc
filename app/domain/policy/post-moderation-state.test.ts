import { describe, expect, it } from "vitest";
import { NEXT_FOR_AUTHOR, postStateHeadline } from "../../components/post-moderation-words";
import {
  postModerationState,
  type ModerationAppeal,
  type ModerationDecision,
  type PostModerationKind,
} from "./post-moderation-state";

const decidedAt = new Date("2026-11-20T10:00:00Z");
const rule = { id: 3, title: "Be respectful" };

function decision(overrides: Partial<ModerationDecision> = {}): ModerationDecision {
  return {
    itemId: 1,
    source: "rule",
    status: "open",
    explanations: ["New members' first few posts are checked by a moderator."],
    autoHidden: false,
    houseRule: null,
    note: null,
    decidedAt: null,
    ...overrides,
  };
}

function appeal(overrides: Partial<ModerationAppeal> = {}): ModerationAppeal {
  return { itemId: 2, status: "open", note: null, decidedAt: null, ...overrides };
}

const rejected = decision({ status: "rejected", houseRule: rule, note: "No names.", decidedAt });

describe("a post's moderation state", () => {
  it("is awaiting moderation while held, with why it was held", () => {
    expect(postModerationState("pending", decision(), null)).toEqual({
      kind: "awaiting",
      explanations: ["New members' first few posts are checked by a moderator."],
    });
  });

  it("is rejected once a moderator rejects it: the rule and note, and nothing about waiting", () => {
    const state = postModerationState("rejected", rejected, null);
    expect(state).toEqual({
      kind: "rejected",
      houseRule: rule,
      note: "No names.",
      decidedAt,
    });
    const words = `${postStateHeadline(state!, true)} ${NEXT_FOR_AUTHOR[state!.kind]}`;
    expect(words).toMatch(/Rejected/);
    expect(words).toMatch(/appeal/);
    expect(words).not.toMatch(/wait|checked|less than a day/i);
  });

  it("is hidden after flags until a moderator checks, then hidden by the moderator", () => {
    const flagged = decision({ source: "flag", explanations: [], autoHidden: true });
    expect(postModerationState("hidden", flagged, null)?.kind).toBe("hidden-after-flags");
    const hidden = { ...flagged, status: "hidden" as const, decidedAt, houseRule: rule };
    expect(postModerationState("hidden", hidden, null)?.kind).toBe("hidden");
  });

  it("says an appeal is pending, then decided: turned down, or restored", () => {
    expect(postModerationState("rejected", rejected, appeal())).toMatchObject({
      kind: "appeal-pending",
      decision: "rejected",
      houseRule: rule,
    });
    expect(
      postModerationState(
        "rejected",
        rejected,
        appeal({ status: "rejected", note: "Still names a neighbour.", decidedAt }),
      ),
    ).toMatchObject({ kind: "appeal-turned-down", appealNote: "Still names a neighbour." });
    expect(
      postModerationState("published", rejected, appeal({ status: "approved", decidedAt })),
    ).toMatchObject({ kind: "restored-on-appeal" });
  });

  it("has nothing to say about a public post no moderator acted on, or an approved one", () => {
    expect(postModerationState("published", null, null)).toBeNull();
    expect(
      postModerationState("published", decision({ status: "approved", decidedAt }), null),
    ).toBeNull();
  });

  it("has a headline and a next step for every state, each different", () => {
    const kinds = Object.keys(NEXT_FOR_AUTHOR) as PostModerationKind[];
    const examples = [
      postModerationState("pending", decision(), null),
      postModerationState("hidden", decision({ source: "flag", autoHidden: true }), null),
      postModerationState("rejected", rejected, null),
      postModerationState("hidden", { ...rejected, status: "hidden", source: "flag" }, null),
      postModerationState("rejected", rejected, appeal()),
      postModerationState("rejected", rejected, appeal({ status: "rejected", decidedAt })),
      postModerationState("published", rejected, appeal({ status: "approved", decidedAt })),
    ];
    expect(examples.map((state) => state?.kind).sort()).toEqual([...kinds].sort());
    const headlines = examples.map((state) => postStateHeadline(state!, true));
    expect(new Set(headlines).size).toBe(kinds.length);
  });
});
