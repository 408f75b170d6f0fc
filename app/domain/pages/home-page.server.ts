/**
 * Everything the home page shows, in one domain read: the areas to choose from, the
 * chosen area (from the profile when signed in, from the visitor's cookie otherwise),
 * and that area's open issues, closing-soon list, answered questions, announcements and
 * latest outcomes.
 *
 * Round trips: the areas and the signed-in person's chosen area, in parallel; then the
 * five sections, in parallel.
 */
import type { Kysely } from "kysely";
import type { Area, Database } from "../../../db/schema";
import type { Viewer } from "../../auth.server";
import { listAnnouncementsFor, type AnnouncementView } from "../announcements.server";
import { getHomeAreaId, listHomeSections, type HomeSections } from "../home.server";
import { listOutcomes, type OutcomeListItem } from "../outcomes.server";
import { listAreas } from "../taxonomy.server";

export interface HomePage extends HomeSections {
  areas: Area[];
  area: Area | null;
  announcements: AnnouncementView[];
  outcomes: OutcomeListItem[];
}

export async function getHomePage(
  db: Kysely<Database>,
  viewer: Viewer | null,
  query: { cookieAreaId: number | null },
  now: Date,
): Promise<HomePage> {
  const [areas, chosenId] = await Promise.all([
    listAreas(db),
    viewer ? getHomeAreaId(db, viewer.id) : query.cookieAreaId,
  ]);
  // A remembered area that has since been removed counts as "all areas".
  const area = areas.find((a) => a.id === chosenId) ?? null;
  const [sections, announcements, latest] = await Promise.all([
    listHomeSections(db, area?.id ?? null, now),
    listAnnouncementsFor(db, { site: true, ...(area ? { areaId: area.id } : {}) }),
    listOutcomes(db, { areaSlug: area?.slug ?? null, limit: 3 }),
  ]);
  return { areas, area, announcements, outcomes: latest.outcomes, ...sections };
}
