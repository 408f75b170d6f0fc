import { describe, expect, it } from "vitest";
import { flagsHidePost, flagWeight } from "./flags";

describe("flag weight", () => {
  it("counts a new resident's first flag as exactly 1", () => {
    expect(flagWeight({ trustLevel: 0, upheld: 0, dismissed: 0 })).toBe(1);
    expect(flagWeight({ trustLevel: 1, upheld: 0, dismissed: 0 })).toBe(1);
  });

  it("counts more for higher trust", () => {
    expect(flagWeight({ trustLevel: 2, upheld: 0, dismissed: 0 })).toBe(1.5);
    expect(flagWeight({ trustLevel: 3, upheld: 0, dismissed: 0 })).toBe(2);
    expect(flagWeight({ trustLevel: 9, upheld: 0, dismissed: 0 })).toBe(2);
  });

  it("rises with a record of upheld flags and falls with dismissed ones", () => {
    const good = flagWeight({ trustLevel: 1, upheld: 8, dismissed: 0 });
    const poor = flagWeight({ trustLevel: 1, upheld: 0, dismissed: 8 });
    expect(good).toBeGreaterThan(1.3);
    expect(good).toBeLessThanOrEqual(1.5);
    expect(poor).toBeLessThan(0.7);
    expect(poor).toBeGreaterThanOrEqual(0.5);
  });

  it("never lets one serial flagger with a bad record hide a post alone", () => {
    const weight = flagWeight({ trustLevel: 3, upheld: 0, dismissed: 50 });
    expect(flagsHidePost(weight, 3)).toBe(false);
  });
});

describe("hiding by flags", () => {
  it.each([
    [2.99, false],
    [3, true],
    [1 + 1 + 1, true],
    [0.1 + 0.2 + 2.7, true],
  ])("a score of %d against a threshold of 3 hides: %s", (score, hidden) => {
    expect(flagsHidePost(score, 3)).toBe(hidden);
  });
});
