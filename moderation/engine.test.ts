import { describe, expect, it } from "vitest";
import {
  assessContribution,
  DEFAULT_SETTINGS,
  type AuthorStats,
  type ModerationSettings,
} from "./engine";
import { findPersonalData, isValidNhsNumber } from "./personal-data";
import { REASON_CODES, REASON_EXPLANATIONS } from "./reasons";
import { ADVERSARIAL_POSTS, MANY_BLOCKED_TERMS } from "./adversarial";
import { containsTerm } from "./text";

const NOW = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const trusted: AuthorStats = { trustLevel: 1, publishedPosts: 10, recentPosts: [], isStaff: false };
const settings: ModerationSettings = {
  ...DEFAULT_SETTINGS,
  blockedTerms: ["scumbag", "pay day loans"],
};

function assess(
  body: string,
  author: Partial<AuthorStats> = {},
  overrides: Partial<ModerationSettings> = {},
) {
  return assessContribution(
    { body },
    { ...trusted, ...author },
    { ...settings, ...overrides },
    NOW,
  );
}

describe("the moderation engine", () => {
  it("publishes an ordinary post from a trusted resident", () => {
    expect(assess("The potholes by the brook bridge need fixing before winter.")).toEqual({
      action: "publish",
      reasons: [],
      personalData: [],
    });
  });

  it.each([
    [0, "hold"],
    [2, "hold"],
    [3, "publish"],
  ] as const)("with %i published posts, a new account's post is %s", (publishedPosts, action) => {
    const decision = assess("Please keep the library open on Mondays.", {
      trustLevel: 0,
      publishedPosts,
    });
    expect(decision.action).toBe(action);
    expect(decision.reasons.includes("new_account")).toBe(action === "hold");
  });

  it("does not pre-moderate an account that has earned trust level 1", () => {
    expect(assess("My first post here.", { trustLevel: 1, publishedPosts: 0 }).action).toBe(
      "publish",
    );
  });

  it("holds nothing for a new account when the setting is 0", () => {
    expect(
      assess("Hello", { trustLevel: 0, publishedPosts: 0 }, { newAccountPostsHeld: 0 }).action,
    ).toBe("publish");
  });

  it.each([
    [0, 1, "publish"],
    [0, 2, "hold"],
    [1, 3, "publish"],
    [1, 4, "hold"],
    [3, 20, "publish"],
    [9, 21, "hold"],
  ] as const)("trust %i with %i links: %s", (trustLevel, links, action) => {
    const body = Array.from({ length: links }, (_, i) => `see https://example.org/page-${i}`).join(
      " ",
    );
    expect(assess(body, { trustLevel }).action).toBe(action);
  });

  it.each([
    ["You absolute scumbag", true],
    ["You absolute SCUMBAG!", true],
    ["Scúmbag behaviour", true],
    ["Stop the pay  day\nloans shops", true],
    ["Scumbagging is not a word", false],
    ["Payday lending", false],
  ])("blocked terms: %s → %s", (body, held) => {
    expect(assess(body).reasons.includes("blocked_term")).toBe(held);
  });

  it("holds flooding: more than five posts in ten minutes", () => {
    const recent = (n: number, minutes: number) =>
      Array.from({ length: n }, (_, i) => ({ body: `Post ${i}`, createdAt: minutesAgo(minutes) }));
    expect(assess("Another thought", { recentPosts: recent(5, 3) }).reasons).toContain("flooding");
    expect(assess("Another thought", { recentPosts: recent(4, 3) }).reasons).not.toContain(
      "flooding",
    );
    expect(assess("Another thought", { recentPosts: recent(5, 30) }).reasons).not.toContain(
      "flooding",
    );
  });

  it("refuses the same words again within the hour, but not after", () => {
    const recentPosts = [{ body: "Fix  the   POTHOLES please", createdAt: minutesAgo(5) }];
    expect(assess("fix the potholes please", { recentPosts })).toEqual({
      action: "reject",
      reasons: ["duplicate"],
      personalData: [],
    });
    const old = [{ body: "Fix the potholes please", createdAt: minutesAgo(90) }];
    expect(assess("Fix the potholes please", { recentPosts: old }).action).toBe("publish");
  });

  it("lets staff repeat an answer in another thread, but not twice in one", () => {
    const staff = { ...trusted, isStaff: true };
    const recentPosts = [
      { body: "We will reply by Friday.", createdAt: minutesAgo(5), threadId: 7 },
    ];
    const reply = (threadId: number) =>
      assessContribution(
        { body: "We will reply by Friday.", threadId },
        { ...staff, recentPosts },
        settings,
        NOW,
      ).action;
    expect(reply(8)).toBe("publish");
    expect(reply(7)).toBe("reject");
  });

  it("compares a new thread with its title, so the same short body under another title is fine", () => {
    const recentPosts = [{ body: "Bins on Mill Lane\nAny news?", createdAt: minutesAgo(5) }];
    const thread = (title: string) =>
      assessContribution({ title, body: "Any news?" }, { ...trusted, recentPosts }, settings, NOW);
    expect(thread("Bins on Mill Lane").action).toBe("reject");
    expect(thread("Lights on the towpath").action).toBe("publish");
  });

  it.each([
    ["WHY HAS NOBODY FIXED THE ROAD OUTSIDE MY HOUSE YET", true],
    ["The NHS and the DVLA both use the A61 and the M62", false],
    ["SHORT SHOUT", false],
    ["Why has nobody fixed the road outside my house yet", false],
  ])("shouting: %s → %s", (body, held) => {
    expect(assess(body).reasons.includes("shouting")).toBe(held);
  });

  it("never holds staff on the automatic rules, but still notes personal data", () => {
    const decision = assess("Call me on 07700 900123 about the works", {
      isStaff: true,
      publishedPosts: 0,
    });
    expect(decision.action).toBe("publish");
    expect(decision.personalData).toEqual(["phone"]);
  });

  it("gives every reason a plain-English explanation", () => {
    for (const code of REASON_CODES) expect(REASON_EXPLANATIONS[code].length).toBeGreaterThan(40);
  });
});

describe("personal data", () => {
  it.each([
    ["Ring me on 07700 900123", ["phone"]],
    ["My number is +44 7700 900123", ["phone"]],
    ["Call the office on (0113) 496 0000", ["phone"]],
    ["Landline 01632 960000", ["phone"]],
    ["Email me at jo.bloggs@example.com", ["email"]],
    ["I live at 12 Mill Lane, Northbridge NB1 2AB", ["address"]],
    ["Flat 3, 41a Station Road, LS1 4DY", ["address"]],
    ["My NI number is AB 12 34 56 C", ["ni_number"]],
    ["NHS number 943 476 5919", ["nhs_number"]],
  ])("finds it in %s", (text, kinds) => {
    expect(findPersonalData(text)).toEqual(kinds);
  });

  it.each([
    "I take B12 vitamins every day",
    "The 42 bus stops on Mill Lane",
    "We have £180,000 for the play area",
    "The 2027/28 budget needs £6.2 million of savings",
    "Mill Lane between number 58 and 62 floods",
    "Our postcode area NB1 has had three burglaries",
    "The A61 and the M62 are both closed",
    "Tickets cost 1234567890 pence (a joke)",
    "Meet at 10:30 on 23/11/2026",
    "Call 999 in an emergency or 101 otherwise",
    "Ward 12 of St Anne's Hospital",
    "The consultation ref is CC123456",
  ])("does not flag %s", (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it("checks the NHS number's check digit", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9434765918")).toBe(false);
  });
});

describe("containsTerm", () => {
  it("matches whole words only, folding case and accents", () => {
    expect(containsTerm("Café culture", "cafe")).toBe(true);
    expect(containsTerm("Cafeteria", "cafe")).toBe(false);
  });
});

describe("adversarial posts", () => {
  it("decides every 20 KB adversarial post with 500 blocked terms without false positives", () => {
    const many = { ...settings, blockedTerms: MANY_BLOCKED_TERMS };
    for (const [name, body] of Object.entries(ADVERSARIAL_POSTS)) {
      const decision = assessContribution({ body }, trusted, many, NOW);
      expect(decision.reasons, name).not.toContain("blocked_term");
      expect(decision.personalData, name).not.toContain("email");
    }
  });

  it("still finds a blocked term or an email address at the end of a long post", () => {
    const many = { ...settings, blockedTerms: MANY_BLOCKED_TERMS };
    const long = ADVERSARIAL_POSTS["letters with no @"]!.slice(0, 19_000);
    expect(
      assessContribution({ body: `${long} phrase number 495 here` }, trusted, many, NOW).reasons,
    ).toContain("blocked_term");
    expect(
      assessContribution(
        { body: `${long} write to jo.bloggs@mail.example.co.uk` },
        trusted,
        many,
        NOW,
      ).personalData,
    ).toContain("email");
  });

  it("matches a phrase as whole words across any whitespace, and not inside a word", () => {
    expect(assess("Get PAY\n  DAY loans now").reasons).toContain("blocked_term");
    expect(assess("payday loans are different").reasons).not.toContain("blocked_term");
    expect(assess("scumbags").reasons).not.toContain("blocked_term");
  });
});
