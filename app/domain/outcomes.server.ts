/**
 * "You said, we did": outcomes that close the loop on an issue. An officer drafts one
 * (citing what residents wrote), previews it exactly as the public will see it, and
 * publishes it; from then on every change is a public revision, and publishing and
 * every status change reach followers, participants and cited authors via the outbox.
 *
 * The work is split by job; this module is the one place callers import from.
 */
export * from "./outcome-deadlines.server";
export * from "./outcome-reading.server";
export * from "./outcome-sources.server";
export * from "./outcome-writing.server";
