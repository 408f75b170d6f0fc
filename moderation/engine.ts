/**
 * The moderation rules engine: a pure function of (content, author stats, settings,
 * now). It does no I/O and reads no globals, so every rule is pinned by table tests
 * and the posting pipeline decides in one call whether to publish, hold or refuse.
 */
import { findPersonalData, type PersonalDataKind } from "./personal-data";
import type { ReasonCode } from "./reasons";
import { containsAnyTerm, countLinks, foldText } from "./text";

export type ModerationAction = "publish" | "hold" | "reject";

export interface ModerationDecision {
  action: ModerationAction;
  reasons: ReasonCode[];
  /** What kinds of personal data were seen, for the moderator (never shown publicly). */
  personalData: PersonalDataKind[];
}

export interface ModerationSettings {
  /** Posts of a new (trust level 0) account held before it is trusted (default 3). */
  newAccountPostsHeld: number;
  /** Links allowed per post, by trust level 0, 1, 2, 3+. */
  maxLinksByTrust: readonly number[];
  /** Words and phrases that send a post to a moderator (case and accents folded). */
  blockedTerms: readonly string[];
  /** More than `floodPosts` posts within `floodMinutes` minutes is flooding. */
  floodPosts: number;
  floodMinutes: number;
  /** The same words as one of the author's posts within this many minutes are refused. */
  duplicateMinutes: number;
  /** Posts with at least this many letters, of which this share are capitals, are shouting. */
  shoutingMinLetters: number;
  shoutingRatio: number;
}

export const DEFAULT_SETTINGS: ModerationSettings = {
  newAccountPostsHeld: 3,
  maxLinksByTrust: [1, 3, 8, 20],
  blockedTerms: [],
  floodPosts: 5,
  floodMinutes: 10,
  duplicateMinutes: 60,
  shoutingMinLetters: 24,
  shoutingRatio: 0.7,
};

export interface AuthorStats {
  trustLevel: number;
  /** Posts of theirs already published (approved), ever. */
  publishedPosts: number;
  /**
   * Their posts of the last hour or so, newest first, whatever their status. The opening
   * post of a thread is given as "title\nbody", the same shape a new thread is compared in.
   */
  recentPosts: readonly { body: string; createdAt: Date; threadId?: number }[];
  /** Staff are never held by the automatic rules. */
  isStaff: boolean;
}

export interface Contribution {
  body: string;
  title?: string;
  /** The thread a reply goes to; absent for a new thread. */
  threadId?: number;
}

function isShouting(text: string, settings: ModerationSettings): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < settings.shoutingMinLetters) return false;
  const capitals = letters.filter((letter) => letter !== letter.toLowerCase()).length;
  return capitals / letters.length >= settings.shoutingRatio;
}

/** Decides what happens to a contribution before it is stored. */
export function assessContribution(
  content: Contribution,
  author: AuthorStats,
  settings: ModerationSettings,
  now: Date,
): ModerationDecision {
  const text = content.title ? `${content.title}\n${content.body}` : content.body;
  const reasons: ReasonCode[] = [];
  const withinMinutes = (date: Date, minutes: number) =>
    now.getTime() - date.getTime() <= minutes * 60_000;

  // A thread is compared with its title, so two questions with different titles and the
  // same short body ("Any news?") are not duplicates of each other.
  const folded = foldText(text);
  // Staff may give the same answer in two threads; only a repeat in one thread (a double
  // submit) is refused for them.
  const comparable = author.isStaff
    ? author.recentPosts.filter(
        (post) => content.threadId !== undefined && post.threadId === content.threadId,
      )
    : author.recentPosts;
  const duplicate = comparable.some(
    (post) =>
      withinMinutes(post.createdAt, settings.duplicateMinutes) && foldText(post.body) === folded,
  );
  if (duplicate) return { action: "reject", reasons: ["duplicate"], personalData: [] };

  const personalData = findPersonalData(text);
  if (author.isStaff) return { action: "publish", reasons: [], personalData };

  // Trust level 0 is a new account; it earns level 1 once enough posts are approved
  // (or an admin vouches for it), and from then on is no longer pre-moderated.
  if (author.trustLevel === 0 && author.publishedPosts < settings.newAccountPostsHeld)
    reasons.push("new_account");
  const maxLinks =
    settings.maxLinksByTrust[Math.min(author.trustLevel, settings.maxLinksByTrust.length - 1)] ?? 0;
  if (countLinks(text) > maxLinks) reasons.push("too_many_links");
  if (containsAnyTerm(folded, settings.blockedTerms)) reasons.push("blocked_term");
  if (personalData.length > 0) reasons.push("personal_data");
  const recent = author.recentPosts.filter((post) =>
    withinMinutes(post.createdAt, settings.floodMinutes),
  ).length;
  if (recent >= settings.floodPosts) reasons.push("flooding");
  if (isShouting(text, settings)) reasons.push("shouting");

  return { action: reasons.length > 0 ? "hold" : "publish", reasons, personalData };
}
