/**
 * Calendar dates in UK time (Europe/London), as instants. Consultation windows are set
 * as dates ("closes 20 December") and mean whole days in the UK, across both clock
 * changes; the time-zone arithmetic is @date-fns/tz's, from the IANA database, not ours.
 */
import { TZDate } from "@date-fns/tz";

export const UK_TIME_ZONE = "Europe/London";

function dateParts(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Not a calendar date: "${isoDate}"`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

/** Midnight at the start of the given date in UK time, as an instant. */
export function startOfLondonDay(isoDate: string): Date {
  const [year, month, day] = dateParts(isoDate);
  return new Date(new TZDate(year, month, day, 0, 0, 0, 0, UK_TIME_ZONE).getTime());
}

/** 23:59:59.999 on the given date in UK time, as an instant. */
export function endOfLondonDay(isoDate: string): Date {
  const [year, month, day] = dateParts(isoDate);
  return new Date(new TZDate(year, month, day, 23, 59, 59, 999, UK_TIME_ZONE).getTime());
}

/** The date part (YYYY-MM-DD) of an instant, in UK time: for date inputs. */
export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: UK_TIME_ZONE }).format(instant);
}
