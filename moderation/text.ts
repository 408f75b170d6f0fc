/**
 * Text folding and matching shared by the rules. Everything here runs in time linear in
 * the text: a 20 KB post is folded once and scanned once, however many terms there are.
 */

/** Case and diacritics removed, whitespace collapsed. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A compiled matcher per list of terms; the list changes only when an admin edits it. */
const matchers = new Map<string, RegExp | null>();

/**
 * One regular expression for the whole list: the folded terms as one alternation, whole
 * words only (no letter or digit either side). Longest first, so a phrase wins over a
 * word it starts with. The engine tries the alternatives at each position once: one pass.
 */
function termMatcher(terms: readonly string[]): RegExp | null {
  const key = terms.join("\u0000");
  let matcher = matchers.get(key);
  if (matcher === undefined) {
    const folded = [...new Set(terms.map(foldText).filter(Boolean))].sort(
      (a, b) => b.length - a.length,
    );
    matcher = folded.length
      ? new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${folded.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`,
          "u",
        )
      : null;
    if (matchers.size > 8) matchers.clear();
    matchers.set(key, matcher);
  }
  return matcher;
}

/** True when any of `terms` appears in already-folded text as whole words. */
export function containsAnyTerm(foldedText: string, terms: readonly string[]): boolean {
  return termMatcher(terms)?.test(foldedText) ?? false;
}

/** True when `term` appears in `text` as whole words, ignoring case and accents. */
export function containsTerm(text: string, term: string): boolean {
  return containsAnyTerm(foldText(text), [term]);
}

/** How many links a text carries (http, https or www). */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/\S+|\bwww\.\S+/gi) ?? []).length;
}
