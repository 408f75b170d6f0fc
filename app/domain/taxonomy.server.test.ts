import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../scripts/test-harness/test-context";
import type { TestDatabase } from "../../scripts/test-harness/databases";
import { makeIssue, makeUser } from "../../scripts/test-harness/factories";
import { ForbiddenError, InvalidInputError } from "./errors";
import { getHomeAreaId, listHomeSections, setHomeArea } from "./home.server";
import { createGroup, getAreaBySlug, listIssuesIn, renameGroup } from "./taxonomy.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

describe("areas and categories", () => {
  it("lets an admin add and rename an area while its address stays", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const slug = await createGroup(t.db, admin, "areas", { name: "Old Town" });
    expect(slug).toBe("old-town");
    const area = await getAreaBySlug(t.db, slug);
    await renameGroup(t.db, admin, "areas", area.id, { name: "Old Town and Quayside" });
    expect((await getAreaBySlug(t.db, "old-town")).name).toBe("Old Town and Quayside");
    await expect(createGroup(t.db, admin, "areas", { name: "Old town" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it("refuses officers and residents", async () => {
    for (const role of ["officer", "resident"] as const) {
      await expect(
        createGroup(t.db, await makeUser(t.db, { role }), "categories", { name: "Sport" }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("lists an area's public issues, never its drafts", async () => {
    const open = await makeIssue(t.db, { title: "Public issue" });
    const row = await t.db
      .selectFrom("issues")
      .select("area_id")
      .where("id", "=", open.id)
      .executeTakeFirstOrThrow();
    const draft = await makeIssue(t.db, { title: "Draft issue", status: "draft" });
    await t.db
      .updateTable("issues")
      .set({ area_id: row.area_id })
      .where("id", "=", draft.id)
      .execute();
    const { issues } = await listIssuesIn(
      t.db,
      { areaId: row.area_id },
      { view: "all", after: null },
      new Date(),
    );
    expect(issues.map((i) => [i.title, i.phase])).toEqual([["Public issue", "open"]]);
  });
});

describe("the home page near you", () => {
  it("narrows open issues to the chosen area and remembers the choice on the profile", async () => {
    const here = await makeIssue(t.db, { title: "Here" });
    await makeIssue(t.db, { title: "Elsewhere" });
    const { area_id } = await t.db
      .selectFrom("issues")
      .select("area_id")
      .where("id", "=", here.id)
      .executeTakeFirstOrThrow();
    const page = await listHomeSections(t.db, area_id, new Date());
    expect(page.open.flatMap((a) => a.issues.map((i) => i.title))).toEqual(["Here"]);
    const all = await listHomeSections(t.db, null, new Date());
    expect(all.open.flatMap((a) => a.issues.map((i) => i.title))).toEqual(
      expect.arrayContaining(["Here", "Elsewhere"]),
    );

    const resident = await makeUser(t.db);
    await setHomeArea(t.db, resident.id, area_id);
    expect(await getHomeAreaId(t.db, resident.id)).toBe(area_id);
  });
});

describe("an area with many consultations open at once", () => {
  it("shows the five closing soonest on the home page, and all of them on the area's open view", async () => {
    const now = new Date();
    const first = await makeIssue(t.db, { title: "Crowded 0" });
    const { area_id } = await t.db
      .selectFrom("issues")
      .select("area_id")
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    // Eight open issues closing on days 1–8 (inserted out of order), and one closed.
    for (const day of [8, 3, 6, 1, 7, 2, 5, 4]) {
      const { id } = await makeIssue(t.db, { title: `Closes day ${day}` });
      await t.db
        .updateTable("issues")
        .set({ area_id, closes_at: new Date(now.getTime() + day * 86_400_000) })
        .where("id", "=", id)
        .execute();
    }
    const closed = await makeIssue(t.db, { title: "Closed already", closed: true });
    await t.db.updateTable("issues").set({ area_id }).where("id", "=", closed.id).execute();

    const [home] = (await listHomeSections(t.db, area_id, now)).open;
    expect(home?.issues.map((i) => i.title)).toEqual([
      "Closes day 1",
      "Closes day 2",
      "Closes day 3",
      "Closes day 4",
      "Closes day 5",
    ]);
    expect(home?.more).toBe(true);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await listIssuesIn(t.db, { areaId: area_id }, { view: "open", after }, now);
      seen.push(...page.issues.map((i) => i.title));
      after = page.next;
    } while (after);
    // Soonest first; "Crowded 0" closes in 30 days; the closed one is not open.
    expect(seen).toEqual([
      "Closes day 1",
      "Closes day 2",
      "Closes day 3",
      "Closes day 4",
      "Closes day 5",
      "Closes day 6",
      "Closes day 7",
      "Closes day 8",
      "Crowded 0",
    ]);
  });
});
