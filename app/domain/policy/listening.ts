/**
 * Who takes staff exports of an issue's contributions. The public
 * figures, open data and API need no rule of their own: they count and show public
 * content only, through publicIssue, publicThread and publicPost.
 */
import { can } from "../../permissions";
import type { Subject } from "./rule";

/** Staff who run consultations or moderate them download an issue's contributions. */
export function mayExportContributions(subject: Subject): boolean {
  return can(subject, "create:issue:any") || can(subject, "moderate:post:any");
}

/**
 * Moderation status (held, hidden, rejected) and withheld contributions are moderators'
 * business: an officer's export holds public contributions only.
 */
export function mayExportModerationStatus(subject: Subject): boolean {
  return can(subject, "moderate:post:any");
}
