/** Text folding shared by the rules: case and diacritics removed, whitespace collapsed. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** True when `term` appears in `text` as whole words, ignoring case and accents. */
export function containsTerm(text: string, term: string): boolean {
  const folded = foldText(term);
  if (!folded) return false;
  const escaped = folded.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(foldText(text));
}

/** How many links a text carries (http, https or www). */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/\S+|\bwww\.\S+/gi) ?? []).length;
}
