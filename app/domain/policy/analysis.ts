/**
 * What an issue's analysis works on, and who may do it. Officers theme what residents
 * said, so a contribution is a resident's post (staff replies are the council's own
 * words). By default only public ones count; an officer may ask to see withheld ones
 * (held, hidden, rejected, or in a thread that is not public), which are then marked.
 * Deleted posts never count: their author took their words back.
 */
import { sql } from "kysely";
import type { PostStatus } from "../../../db/schema";
import { can } from "../../permissions";
import type { Rule, Subject } from "./rule";
import { deletedPost, publicPost, type PostFacts } from "./visibility";

export interface ContributionFacts extends PostFacts {
  postIsStaff: boolean;
}

const DELETED = "deleted" satisfies PostStatus;

/** Officers and admins analyse consultations: the people who write outcomes. */
export function mayAnalyse(subject: Subject): boolean {
  return can(subject, "create:issue:any");
}

/** Contributions in an issue's analysis; withheld ones only when asked for. */
export function contributionAnalysed(
  includeWithheld: boolean,
): Rule<"posts" | "threads" | "issues", ContributionFacts> {
  return {
    where: (eb) =>
      eb.and([
        eb("posts.is_staff", "=", false),
        includeWithheld
          ? eb.and([eb.not(deletedPost.where(eb)), eb("threads.status", "!=", sql.lit(DELETED))])
          : publicPost.where(eb),
      ]),
    holds: (f) =>
      !f.postIsStaff &&
      (includeWithheld ? !deletedPost.holds(f) && f.threadStatus !== DELETED : publicPost.holds(f)),
  };
}

/** A contribution the public cannot see: shown to officers only on request, marked. */
export function isWithheldContribution(facts: PostFacts): boolean {
  return !publicPost.holds(facts);
}
