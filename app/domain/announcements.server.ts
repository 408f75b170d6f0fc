/**
 * Announcements: staff notices pinned site-wide, to an area, or to an issue, with a
 * severity. Service disruptions and crisis updates go here; urgent site-wide ones show
 * as a banner on every page.
 */
import type { Kysely } from "kysely";
import type { AnnouncementSeverity, Database } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { renderMarkdown } from "../markdown.server";
import { can } from "../permissions";
import type { NewAnnouncementInput } from "../schemas/announcements";
import { ForbiddenError, InvalidInputError, NotFoundError } from "./errors";
import { publicIssue } from "./policy";

export interface AnnouncementView {
  id: number;
  scope: "site" | "area" | "issue";
  severity: AnnouncementSeverity;
  title: string;
  bodyHtml: string;
  createdAt: Date;
  placeName: string | null;
}

function assertMayAnnounce(actor: Viewer): void {
  if (!can(actor, "create:announcement:any"))
    throw new ForbiddenError("Only council staff can post announcements.");
}

export async function createAnnouncement(
  db: Kysely<Database>,
  actor: Viewer,
  input: NewAnnouncementInput,
): Promise<void> {
  assertMayAnnounce(actor);
  let areaId: number | null = null;
  let issueId: number | null = null;
  if (input.scope === "area") {
    const area = input.areaId
      ? await db.selectFrom("areas").select("id").where("id", "=", input.areaId).executeTakeFirst()
      : undefined;
    if (!area)
      throw new InvalidInputError("Choose an area.", { areaId: "Choose the area this is about" });
    areaId = area.id;
  } else if (input.scope === "issue") {
    const issue = input.issueId
      ? await db
          .selectFrom("issues")
          .select("issues.id")
          .where("issues.id", "=", input.issueId)
          .where(publicIssue.where)
          .executeTakeFirst()
      : undefined;
    if (!issue)
      throw new InvalidInputError("Choose an issue.", {
        issueId: "Choose the issue this is about",
      });
    issueId = issue.id;
  }
  await db
    .insertInto("announcements")
    .values({
      scope: input.scope,
      area_id: areaId,
      issue_id: issueId,
      severity: input.severity,
      title: input.title,
      body_md: input.body,
      body_html: renderMarkdown(input.body),
      created_by: actor.id,
    })
    .execute();
}

export async function withdrawAnnouncement(
  db: Kysely<Database>,
  actor: Viewer,
  id: number,
  now: Date,
): Promise<void> {
  assertMayAnnounce(actor);
  const result = await db
    .updateTable("announcements")
    .set({ withdrawn_at: now })
    .where("id", "=", id)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new NotFoundError("That announcement is already withdrawn.");
}

function selectLive(db: Kysely<Database>) {
  return db
    .selectFrom("announcements")
    .leftJoin("areas", "areas.id", "announcements.area_id")
    .leftJoin("issues", "issues.id", "announcements.issue_id")
    .select([
      "announcements.id",
      "announcements.scope",
      "announcements.severity",
      "announcements.title",
      "announcements.body_html as bodyHtml",
      "announcements.created_at as createdAt",
      "areas.name as areaName",
      "issues.title as issueTitle",
    ])
    .where("announcements.withdrawn_at", "is", null);
}

type LiveRow = Awaited<ReturnType<ReturnType<typeof selectLive>["execute"]>>[number];

function toView(row: LiveRow): AnnouncementView {
  return {
    id: row.id,
    scope: row.scope,
    severity: row.severity,
    title: row.title,
    bodyHtml: row.bodyHtml,
    createdAt: row.createdAt,
    placeName: row.areaName ?? row.issueTitle ?? null,
  };
}

/** Urgent site-wide announcements: the banner on every page. */
export async function listUrgentBanners(db: Kysely<Database>): Promise<AnnouncementView[]> {
  const rows = await selectLive(db)
    .where("announcements.scope", "=", "site")
    .where("announcements.severity", "=", "urgent")
    .orderBy("announcements.created_at", "desc")
    .limit(3)
    .execute();
  return rows.map(toView);
}

/** What a page shows: site-wide notices (not urgent: those are the banner) and its own area's and issue's. */
export async function listAnnouncementsFor(
  db: Kysely<Database>,
  place: { site?: boolean; areaId?: number; issueId?: number },
): Promise<AnnouncementView[]> {
  const rows = await selectLive(db)
    .where((eb) =>
      eb.or([
        ...(place.site
          ? [
              eb.and([
                eb("announcements.scope", "=", "site"),
                eb("announcements.severity", "!=", "urgent"),
              ]),
            ]
          : []),
        ...(place.areaId !== undefined ? [eb("announcements.area_id", "=", place.areaId)] : []),
        ...(place.issueId !== undefined ? [eb("announcements.issue_id", "=", place.issueId)] : []),
        eb.val(false),
      ]),
    )
    .orderBy("announcements.created_at", "desc")
    .limit(10)
    .execute();
  return rows.map(toView);
}

/** Every live announcement, for staff to review and withdraw. */
export async function listLiveAnnouncements(db: Kysely<Database>): Promise<AnnouncementView[]> {
  const rows = await selectLive(db)
    .orderBy("announcements.created_at", "desc")
    .limit(100)
    .execute();
  return rows.map(toView);
}
