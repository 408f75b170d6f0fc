import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { makeAreaAndCategory, makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { ForbiddenError, InvalidInputError, NotFoundError } from "./errors";
import { createIssue, getIssue, listOpenIssuesByArea } from "./issues.server";
import { endOfLondonDay } from "./uk-calendar";
import { issuePhase } from "./policy";
import type { IssueStatus } from "../../db/schema";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const NOW = new Date("2026-11-23T10:00:00Z");

async function issueInput(overrides: Record<string, unknown> = {}) {
  const { areaId, categoryId } = await makeAreaAndCategory(t.db);
  return {
    title: "Resurfacing Mill Lane",
    summary: "# Plans\nWe will resurface the lane.",
    areaId,
    categoryId,
    closesOn: "2027-01-31",
    team: "",
    publish: "now" as const,
    ...overrides,
  };
}

describe("creating issues", () => {
  it("lets an officer open an issue that closes at the end of the UK day", async () => {
    const officer = await makeUser(t.db, { role: "officer", team: "Highways" });
    const slug = await createIssue(t.db, officer, await issueInput(), NOW);
    const issue = await getIssue(t.db, slug, null);
    expect(issue.title).toBe("Resurfacing Mill Lane");
    expect(issue.status).toBe("open");
    expect(issue.team).toBe("Highways");
    expect(issue.summary_html).toContain("<h3>Plans</h3>");
    expect(issue.closes_at.toISOString()).toBe("2027-01-31T23:59:59.999Z");
  });

  it("gives a second issue with the same title its own address", async () => {
    const officer = await makeUser(t.db, { role: "officer" });
    const input = await issueInput({ title: "Library opening hours" });
    const first = await createIssue(t.db, officer, input, NOW);
    const second = await createIssue(t.db, officer, input, NOW);
    expect(first).toBe("library-opening-hours");
    expect(second).toBe("library-opening-hours-2");
  });

  it("never takes a slug that is a page of its own", async () => {
    const officer = await makeUser(t.db, { role: "officer" });
    expect(await createIssue(t.db, officer, await issueInput({ title: "New" }), NOW)).toBe("new-2");
  });

  it("refuses residents and moderators", async () => {
    for (const role of ["resident", "moderator"] as const) {
      const user = await makeUser(t.db, { role });
      await expect(createIssue(t.db, user, await issueInput(), NOW)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
  });

  it("refuses a closing date in the past, next to the field", async () => {
    const officer = await makeUser(t.db, { role: "officer" });
    const attempt = createIssue(t.db, officer, await issueInput({ closesOn: "2026-11-22" }), NOW);
    await expect(attempt).rejects.toMatchObject({
      fieldErrors: { closesOn: expect.stringContaining("future") },
    });
  });

  it("refuses an area that does not exist", async () => {
    const officer = await makeUser(t.db, { role: "officer" });
    const attempt = createIssue(t.db, officer, await issueInput({ areaId: 987_654 }), NOW);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { areaId: expect.any(String) } });
  });

  it("keeps drafts out of public view", async () => {
    const officer = await makeUser(t.db, { role: "officer" });
    const resident = await makeUser(t.db);
    const slug = await createIssue(
      t.db,
      officer,
      await issueInput({ publish: "draft", title: "Secret draft" }),
      NOW,
    );
    await expect(getIssue(t.db, slug, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getIssue(t.db, slug, resident)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getIssue(t.db, slug, officer)).resolves.toMatchObject({ status: "draft" });
  });
});

describe("the home page list", () => {
  it("shows only issues open now, grouped by area", async () => {
    const open = await makeIssue(t.db, { title: "Open one" });
    await makeIssue(t.db, { title: "Closed one", closed: true });
    await makeIssue(t.db, { title: "Draft one", status: "draft" });
    const titles = (await listOpenIssuesByArea(t.db, new Date())).flatMap((area) =>
      area.issues.map((i) => i.title),
    );
    expect(titles).toContain("Open one");
    expect(titles).not.toContain("Closed one");
    expect(titles).not.toContain("Draft one");
    expect(open.slug).toBeTruthy();
  });
});

describe("issue phases", () => {
  const window = {
    opens_at: new Date("2026-11-01T00:00:00Z"),
    closes_at: new Date("2026-12-01T00:00:00Z"),
  };
  it.each([
    ["draft", "2026-11-10", "draft"],
    ["open", "2026-10-20", "upcoming"],
    ["open", "2026-11-10", "open"],
    ["open", "2026-12-02", "closed"],
    ["closed", "2026-11-10", "closed"],
    ["responded", "2026-12-10", "responded"],
  ])("an issue stored as %s on %s is %s", (status, day, phase) => {
    expect(
      issuePhase({ status: status as IssueStatus, ...window }, new Date(`${day}T12:00:00Z`)),
    ).toBe(phase);
  });
});

describe("endOfLondonDay", () => {
  it("is 23:59:59.999 UK time in winter and in summer", () => {
    expect(endOfLondonDay("2027-01-15").toISOString()).toBe("2027-01-15T23:59:59.999Z");
    expect(endOfLondonDay("2027-07-15").toISOString()).toBe("2027-07-15T22:59:59.999Z");
  });
});
