import { describe, expect, it } from "vitest";
import { hoursBetween, mean, median, share, ukMonth, ukMonthsBetween } from "./statistics";

describe("listening arithmetic, on numbers worked out by hand", () => {
  it("medians: none, one, odd, even, ties", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([2, 2, 2, 9])).toBe(2);
  });

  it("shares and means of nothing are nothing, not zero", () => {
    expect(share(0, 0)).toBeNull();
    expect(share(0, 4)).toBe(0);
    expect(share(1, 3)).toBeCloseTo(1 / 3);
    expect(mean([])).toBeNull();
    expect(mean([40, 60])).toBe(50);
  });

  it("durations are elapsed time across a clock change, months are UK months", () => {
    // The clocks went back at 02:00 BST on 25 October 2026: 00:30 BST to 01:30 GMT is 2 hours.
    expect(hoursBetween(new Date("2026-10-24T23:30:00Z"), new Date("2026-10-25T01:30:00Z"))).toBe(
      2,
    );
    // 23:30 UTC on 31 March 2026 is 00:30 BST on 1 April.
    expect(ukMonth(new Date("2026-03-31T23:30:00Z"))).toBe("2026-04");
    // 23:30 UTC on 31 December is still December in London (GMT).
    expect(ukMonth(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12");
    expect(
      ukMonthsBetween(new Date("2026-11-15T00:00:00Z"), new Date("2027-02-01T00:00:00Z")),
    ).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });
});
