/**
 * The "How we listen" pages' reads: the period and area asked for, in words, and the
 * figures for them from their snapshot (figure-snapshots.server.ts). The public page
 * reads the public figures; the staff dashboard reads those and the staff figures.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { AppConfig } from "../../config.server";
import { NotFoundError } from "../errors";
import {
  computeFigures,
  figureScopeKey,
  periodBounds,
  type FigureScope,
} from "./figure-scopes.server";
import { readFigureSnapshot } from "./figure-snapshots.server";
import type { ListeningFigures } from "./listening-figures.server";
import { PERIODS, type PeriodKey } from "./periods";
import type { StaffFigures } from "./staff-figures.server";

export interface ListeningPageOptions {
  period: PeriodKey;
  areaSlug: string | null;
  now: Date;
  responseWeeks: number;
  unansweredDays: number;
  /** Snapshots older than this are recomputed by the worker; 0: always count live. */
  maxAgeMs: number;
  /**
   * Pages show the first this-many of each long list (overdue outcomes, issues); the
   * downloads and the API leave it unset and get every item.
   */
  listLimit?: number;
}

/** The options for a period and area under the site's settings, as of now. */
export function listeningOptions(
  config: Pick<AppConfig, "responseWeeks" | "unansweredAfterDays" | "figuresMaxAgeMinutes">,
  asked: { period: PeriodKey; areaSlug: string | null },
  now = new Date(),
): ListeningPageOptions {
  return {
    ...asked,
    now,
    responseWeeks: config.responseWeeks,
    unansweredDays: config.unansweredAfterDays,
    maxAgeMs: config.figuresMaxAgeMinutes * 60_000,
  };
}

export interface ListeningPage {
  period: { key: PeriodKey; label: string; from: Date; to: Date };
  area: { id: number; slug: string; name: string } | null;
  areas: { slug: string; name: string }[];
  /** When the figures were counted (they are kept, and recounted when stale). */
  computedAt: Date;
  figures: ListeningFigures;
  /** How many items the long lists have in full (they may be cut to `listLimit`). */
  totals: { overdue: number; issues: number };
}

async function readScope(db: Kysely<Database>, options: ListeningPageOptions) {
  const areas = await db
    .selectFrom("areas")
    .select(["id", "slug", "name"])
    .orderBy("name")
    .execute();
  const area = options.areaSlug ? (areas.find((a) => a.slug === options.areaSlug) ?? null) : null;
  if (options.areaSlug && !area) throw new NotFoundError("We couldn't find that area.");
  const scopeOf = (kind: FigureScope["kind"]): FigureScope => ({
    kind,
    period: options.period,
    areaId: area?.id ?? null,
    responseWeeks: options.responseWeeks,
    unansweredDays: options.unansweredDays,
  });
  return { areas, area, scopeOf };
}

function snapshotOf<T>(db: Kysely<Database>, scope: FigureScope, options: ListeningPageOptions) {
  return readFigureSnapshot(db, {
    scope: figureScopeKey(scope),
    compute: computeFigures(scope) as (db: Kysely<Database>, now: Date) => Promise<T>,
    now: options.now,
    maxAgeMs: options.maxAgeMs,
  });
}

/** The figures with the overdue list cut to its first `limit` (the latest first). */
function cutOverdue(figures: ListeningFigures, limit: number | undefined): ListeningFigures {
  if (limit === undefined) return figures;
  const { consultations } = figures;
  return {
    ...figures,
    consultations: { ...consultations, overdue: consultations.overdue.slice(0, limit) },
  };
}

function describePeriod(period: PeriodKey, computedAt: Date) {
  const { from, to } = periodBounds(period, computedAt);
  return { key: period, label: PERIODS[period].label, from, to };
}

export async function readListeningPage(
  db: Kysely<Database>,
  options: ListeningPageOptions,
): Promise<ListeningPage> {
  const { areas, area, scopeOf } = await readScope(db, options);
  const snapshot = await snapshotOf<ListeningFigures>(db, scopeOf("public"), options);
  return {
    // The period the figures were counted over: it ends when they were counted.
    period: describePeriod(options.period, snapshot.computedAt),
    area,
    areas: areas.map(({ slug, name }) => ({ slug, name })),
    computedAt: snapshot.computedAt,
    figures: cutOverdue(snapshot.figures, options.listLimit),
    totals: { overdue: snapshot.figures.consultations.overdue.length, issues: 0 },
  };
}

export interface StaffListeningPage extends ListeningPage {
  staff: StaffFigures;
}

/** The staff dashboard: the public figures and the staff ones, for the same scope. */
export async function readStaffListeningPage(
  db: Kysely<Database>,
  options: ListeningPageOptions,
): Promise<StaffListeningPage> {
  const { areas, area, scopeOf } = await readScope(db, options);
  const [figures, staff] = await Promise.all([
    snapshotOf<ListeningFigures>(db, scopeOf("public"), options),
    snapshotOf<StaffFigures>(db, scopeOf("staff"), options),
  ]);
  const computedAt = figures.computedAt < staff.computedAt ? figures.computedAt : staff.computedAt;
  const limit = options.listLimit ?? Infinity;
  return {
    period: describePeriod(options.period, computedAt),
    area,
    areas: areas.map(({ slug, name }) => ({ slug, name })),
    computedAt,
    figures: cutOverdue(figures.figures, options.listLimit),
    totals: {
      overdue: figures.figures.consultations.overdue.length,
      issues: staff.figures.byIssue.length,
    },
    staff: { ...staff.figures, byIssue: staff.figures.byIssue.slice(0, limit) },
  };
}
