/**
 * The arithmetic behind the listening figures, kept apart so that each rule is tested on
 * numbers worked out by hand: the median of nothing is nothing (not 0), a share of
 * nothing is nothing, and ties and even counts follow the usual definitions.
 */
import { TZDate } from "@date-fns/tz";

/** The median: the middle value, or the mean of the two middle ones; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** part ÷ whole, or null when there is no whole to take a share of. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The mean, or null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Elapsed time in hours between two instants. Instants, not wall clocks: an answer given
 * at 01:30 after a question at 00:30 on the night the clocks go back took two hours.
 */
export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR_MS;
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** The UK calendar month an instant falls in, as "YYYY-MM" (BST and GMT both handled). */
export function ukMonth(at: Date): string {
  const local = new TZDate(at.getTime(), "Europe/London");
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}`;
}

/** Every UK month from the one `from` falls in to the one `to` falls in, in order. */
export function ukMonthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  const last = ukMonth(to);
  let [year, month] = ukMonth(from).split("-").map(Number) as [number, number];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= last || months.length > 1_200) return months;
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
}
