/** Dates as people in the UK read them, in UK time whatever the server's zone. */
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

export function formatDate(date: Date): string {
  return DATE.format(date);
}

export function formatDateTime(date: Date): string {
  return DATE_TIME.format(date);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}

/** "Closes in 3 days", "Closes in 5 hours", "Closes in under an hour": computed from the loader's clock. */
export function timeLeft(until: Date, now: Date): string {
  const ms = until.getTime() - now.getTime();
  if (ms <= 0) return "Closed";
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return "Closes in under an hour";
  if (hours < 48) return `Closes in ${plural(hours, "hour")}`;
  return `Closes in ${plural(Math.floor(hours / 24), "day")}`;
}

/** How long something has waited: "12 minutes", "5 hours", "3 days". */
export function formatAge(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, "hour");
  return plural(Math.floor(hours / 24), "day");
}
