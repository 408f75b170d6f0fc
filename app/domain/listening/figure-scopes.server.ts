/**
 * The scopes whose figures are kept as snapshots, and how each is computed. A scope is
 * written as stable JSON (kind, period, area, settings) so that the worker, given only
 * the string, computes exactly what the page asked for.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import type { FigureComputation } from "./figure-snapshots.server";
import { readListeningFigures } from "./listening-figures.server";
import { PERIODS, type PeriodKey } from "./periods";
import { readStaffFigures } from "./staff-figures.server";
import { DAY_MS } from "./statistics";

/**
 * Part of every key: raise it whenever the figures' shape changes, so that snapshots
 * kept by an earlier release are never read as the new shape (they are left to expire).
 */
export const FIGURES_VERSION = 2;

const scopeSchema = z.object({
  version: z.literal(FIGURES_VERSION),
  kind: z.enum(["public", "staff"]),
  period: z.enum(Object.keys(PERIODS) as [PeriodKey, ...PeriodKey[]]),
  areaId: z.number().int().nullable(),
  responseWeeks: z.number().int().min(0),
  unansweredDays: z.number().int().min(0),
});
export type FigureScope = Omit<z.infer<typeof scopeSchema>, "version">;

/** The scope as its snapshot key: keys in a fixed order, so equal scopes are equal strings. */
export function figureScopeKey(scope: FigureScope): string {
  const { kind, period, areaId, responseWeeks, unansweredDays } = scope;
  return JSON.stringify({
    version: FIGURES_VERSION,
    kind,
    period,
    areaId,
    responseWeeks,
    unansweredDays,
  });
}

/** The period's instants, ending now. */
export function periodBounds(period: PeriodKey, now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - PERIODS[period].days * DAY_MS), to: now };
}

export function computeFigures(scope: FigureScope) {
  return async (db: Kysely<Database>, now: Date) => {
    const bounds = periodBounds(scope.period, now);
    const common = { ...bounds, areaId: scope.areaId, now, responseWeeks: scope.responseWeeks };
    return scope.kind === "public"
      ? readListeningFigures(db, { ...common, unansweredDays: scope.unansweredDays })
      : readStaffFigures(db, common);
  };
}

/** The worker's way back from a key to its computation; null for a key it cannot read. */
export function resolveFigureScope(key: string): FigureComputation<unknown> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch {
    return null;
  }
  const scope = scopeSchema.safeParse(parsed);
  return scope.success ? computeFigures(scope.data) : null;
}
