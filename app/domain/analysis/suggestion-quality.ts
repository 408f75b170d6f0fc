/**
 * How good the suggestions are against a hand-coded reference set (seeds/analysis-
 * reference.ts), measured two ways, for `npm run bench` and its test:
 *
 * - candidate themes: each suggested theme is mapped to the reference theme it overlaps
 *   most; a contribution's suggested theme is then the mapped theme of its cluster;
 * - per-contribution suggestions: an officer codes the first few contributions of each
 *   reference theme by hand, and the rest are suggested from those examples.
 *
 * Both count (contribution, theme) pairs: precision is the share of suggested pairs the
 * reference has, recall the share of reference pairs suggested, F1 their harmonic mean.
 */
import { suggestCodes, suggestThemes, vectorise, type ThemeSuggestions } from "./theme-suggestions";

export interface ReferenceItem<K extends string> {
  text: string;
  themes: K[];
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  suggested: number;
  reference: number;
}

export interface QualityReport<K extends string> {
  contributions: number;
  candidateThemes: Scores & { mapping: { label: string; size: number; mappedTo: K }[] };
  perContribution: Scores & { examplesPerTheme: number };
  /** A fingerprint of everything suggested, to compare runs. */
  fingerprint: string;
}

function score(pairs: [number, string][], reference: ReferenceItem<string>[]): Scores {
  const expected = reference.reduce((sum, item) => sum + item.themes.length, 0);
  const correct = pairs.filter(([index, theme]) => reference[index]!.themes.includes(theme)).length;
  const precision = pairs.length ? correct / pairs.length : 0;
  const recall = expected ? correct / expected : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, suggested: pairs.length, reference: expected };
}

function mapToReference<K extends string>(
  suggestions: ThemeSuggestions,
  reference: ReferenceItem<K>[],
  themeKeys: K[],
): { label: string; size: number; mappedTo: K }[] {
  return suggestions.themes.map((theme) => {
    const overlap = new Map<K, number>(themeKeys.map((key) => [key, 0]));
    for (const { index } of theme.members) {
      for (const key of reference[index]!.themes) overlap.set(key, overlap.get(key)! + 1);
    }
    const [mappedTo] = [...overlap.entries()].sort((a, b) => b[1] - a[1])[0]!;
    return { label: theme.label, size: theme.members.length, mappedTo };
  });
}

export async function measureSuggestionQuality<K extends string>(
  reference: ReferenceItem<K>[],
  themeKeys: K[],
  examplesPerTheme = 3,
): Promise<QualityReport<K>> {
  const corpus = await vectorise(
    reference.map((item) => item.text),
    [],
  );
  const suggestions = await suggestThemes(corpus);
  const mapping = mapToReference(suggestions, reference, themeKeys);
  const candidatePairs: [number, string][] = suggestions.themes.flatMap((theme, at) =>
    theme.members.map(({ index }): [number, string] => [index, mapping[at]!.mappedTo]),
  );

  // The officer codes the first `examplesPerTheme` contributions of each theme by hand.
  const examples = new Map<number, number[]>();
  const coded = new Set<number>();
  themeKeys.forEach((key, themeId) => {
    const first = reference
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => item.themes.includes(key))
      .slice(0, examplesPerTheme)
      .map(({ index }) => index);
    examples.set(themeId, first);
    first.forEach((index) => coded.add(index));
  });
  const uncoded = reference.map((_, index) => index).filter((index) => !coded.has(index));
  const codes = suggestCodes(corpus, examples, uncoded);
  const codePairs = codes.map(({ index, themeId }): [number, string] => [
    index,
    themeKeys[themeId]!,
  ]);
  const uncodedReference = reference.map((item, index) =>
    coded.has(index) ? { ...item, themes: [] } : item,
  );

  return {
    contributions: reference.length,
    candidateThemes: { ...score(candidatePairs, reference), mapping },
    perContribution: { ...score(codePairs, uncodedReference), examplesPerTheme },
    fingerprint: JSON.stringify({ suggestions, codes }),
  };
}
