/**
 * How routes answer when a rate limit is spent: a 429 with Retry-After, a sentence that
 * says how long to wait, and (on forms) everything the person typed, kept.
 */
import { data } from "@remix-run/node";
import type { Viewer } from "./auth.server";
import type { FormFailure } from "./action-result.server";
import type { ContributionKind, LimitAnswer, RateLimits } from "./rate-limits.server";
import type { AppServices } from "./services.server";
import type { FormValues } from "./schemas/parse-form";

const DAY_MS = 86_400_000;

/** "about 3 minutes", "about an hour": waits are told in words, rounded up. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "an hour" : `${hours} hours`;
}

export function tooManyMessage(what: string, retryAfterSeconds: number): string {
  return `${what} Please wait ${describeWait(retryAfterSeconds)} and try again.`;
}

/** A refused form at 429: the message in the error summary, the values kept. */
export function limitedFormFailure(values: FormValues, what: string, retryAfterSeconds: number) {
  const body: FormFailure = {
    formError: tooManyMessage(what, retryAfterSeconds),
    fieldErrors: {},
    values,
  };
  return data(body, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}

/** First refusal among several limits (all are counted, so each keeps its own tally). */
export async function takeAll(...attempts: Promise<LimitAnswer>[]): Promise<LimitAnswer> {
  const results = await Promise.all(attempts);
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return { allowed: true };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(...refused.map((r) => (r.allowed ? 0 : r.retryAfterSeconds))),
  };
}

/** Counts one post, flag or support; accounts under a day old have the tighter limit. */
export async function takeContribution(
  services: Pick<AppServices, "db" | "rateLimits">,
  viewer: Viewer,
  kind: ContributionKind,
): Promise<LimitAnswer> {
  const user = await services.db
    .selectFrom("users")
    .select("created_at")
    .where("id", "=", viewer.id)
    .executeTakeFirst();
  const firstDay = user !== undefined && Date.now() - user.created_at.getTime() < DAY_MS;
  const limits: RateLimits["contribution"][ContributionKind] =
    services.rateLimits.contribution[kind];
  return (firstDay ? limits.firstDay : limits.normal).take(String(viewer.id));
}

export const CONTRIBUTION_REFUSAL: Record<ContributionKind, string> = {
  post: "You have posted a lot in the last hour, so we have paused your posting for a while.",
  flag: "You have flagged a lot of posts in the last hour. Thank you: the moderators are on it.",
  support:
    "You have supported a lot of ideas in the last hour, so we have paused supporting for a while.",
  edit: "You have edited a lot of posts in the last hour, so we have paused editing for a while.",
};
