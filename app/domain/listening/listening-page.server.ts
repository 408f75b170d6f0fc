/**
 * The public "How we listen" page's read: the period and area asked for, in words, and
 * every listening figure for them.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { NotFoundError } from "../errors";
import { readListeningFigures, type ListeningFigures } from "./listening-figures.server";
import { PERIODS, type PeriodKey } from "./periods";
import { DAY_MS } from "./statistics";

export interface ListeningPage {
  period: { key: PeriodKey; label: string; from: Date; to: Date };
  area: { id: number; slug: string; name: string } | null;
  areas: { slug: string; name: string }[];
  figures: ListeningFigures;
}

export async function readListeningPage(
  db: Kysely<Database>,
  options: {
    period: PeriodKey;
    areaSlug: string | null;
    now: Date;
    responseWeeks: number;
    unansweredDays: number;
  },
): Promise<ListeningPage> {
  const areas = await db
    .selectFrom("areas")
    .select(["id", "slug", "name"])
    .orderBy("name")
    .execute();
  const area = options.areaSlug ? (areas.find((a) => a.slug === options.areaSlug) ?? null) : null;
  if (options.areaSlug && !area) throw new NotFoundError("We couldn't find that area.");
  const { label, days } = PERIODS[options.period];
  const to = options.now;
  const from = new Date(to.getTime() - days * DAY_MS);
  const figures = await readListeningFigures(db, {
    from,
    to,
    areaId: area?.id ?? null,
    now: options.now,
    responseWeeks: options.responseWeeks,
    unansweredDays: options.unansweredDays,
  });
  return {
    period: { key: options.period, label, from, to },
    area,
    areas: areas.map(({ slug, name }) => ({ slug, name })),
    figures,
  };
}
