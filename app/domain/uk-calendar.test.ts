import { describe, expect, it } from "vitest";
import { endOfLondonDay, londonDate, startOfLondonDay } from "./uk-calendar";

describe("UK calendar days", () => {
  it("starts and ends a day at UK midnight in winter (GMT) and summer (BST)", () => {
    expect(startOfLondonDay("2027-01-15").toISOString()).toBe("2027-01-15T00:00:00.000Z");
    expect(endOfLondonDay("2027-01-15").toISOString()).toBe("2027-01-15T23:59:59.999Z");
    expect(startOfLondonDay("2027-07-15").toISOString()).toBe("2027-07-14T23:00:00.000Z");
    expect(endOfLondonDay("2027-07-15").toISOString()).toBe("2027-07-15T22:59:59.999Z");
  });

  it("gets the spring-forward day right: 29 March 2026 starts in GMT and ends in BST", () => {
    // Clocks go from 01:00 GMT to 02:00 BST, so the day is 23 hours long.
    expect(startOfLondonDay("2026-03-29").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(endOfLondonDay("2026-03-29").toISOString()).toBe("2026-03-29T22:59:59.999Z");
    expect(startOfLondonDay("2026-03-30").toISOString()).toBe("2026-03-29T23:00:00.000Z");
  });

  it("gets the fall-back day right: 25 October 2026 starts in BST and ends in GMT", () => {
    // Clocks go from 02:00 BST back to 01:00 GMT, so the day is 25 hours long.
    expect(startOfLondonDay("2026-10-25").toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(endOfLondonDay("2026-10-25").toISOString()).toBe("2026-10-25T23:59:59.999Z");
    expect(startOfLondonDay("2026-10-26").toISOString()).toBe("2026-10-26T00:00:00.000Z");
  });

  it("gives each change day's instants back as the same date", () => {
    for (const day of ["2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31"]) {
      expect(londonDate(startOfLondonDay(day))).toBe(day);
      expect(londonDate(endOfLondonDay(day))).toBe(day);
      expect(endOfLondonDay(day).getTime() + 1).toBe(
        startOfLondonDay(londonDate(new Date(endOfLondonDay(day).getTime() + 1))).getTime(),
      );
    }
  });

  it("refuses what is not a date", () => {
    expect(() => startOfLondonDay("29/03/2026")).toThrow(RangeError);
  });
});
