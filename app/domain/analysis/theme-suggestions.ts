/**
 * Suggestions for the analysis workspace, computed on the council's own server with no
 * external service, and deterministic: the same contributions (in the same order) always
 * give the same suggestions.
 *
 * - Each contribution becomes a TF-IDF vector over its stems and noun phrases, weighted
 *   against a background of the whole site, so words every consultation uses count less.
 * - Candidate themes are k-means clusters (ml-kmeans, fixed seed, k-means++) of those
 *   vectors; k is the one with the best silhouette over a fixed range; each is labelled
 *   by its most distinctive phrases.
 * - Key phrases of the whole issue: noun phrases ranked by TF-IDF against the site.
 * - A theme for each uncoded contribution: the nearest theme centroid (cosine), built
 *   from the contributions already coded to it and, for themes accepted from a cluster,
 *   the cluster's members. The cosine is the confidence.
 *
 * The work is CPU-bound and may run in the web server's own process (`npm start`), so it
 * gives the event loop back every few milliseconds: requests wait at most that long.
 */
import { kmeansGenerator } from "ml-kmeans";
import { featuresOf, type TextFeatures } from "./text-features";

export interface SuggestedTheme {
  label: string;
  phrases: string[];
  /** Indexes into the input, with their cosine to the cluster's centre. */
  members: { index: number; confidence: number }[];
}

export interface ThemeSuggestions {
  themes: SuggestedTheme[];
  keyPhrases: string[];
  /** Contributions with nothing to go on (no content words), left out of clusters. */
  unplaced: number[];
}

export type Vector = Float64Array;

export interface Corpus {
  vectors: (Vector | null)[];
  terms: string[];
  /** How a term reads to a person (a stem's lemma, or the phrase itself). */
  readable: (term: string) => string;
  idf: Map<string, number>;
  features: TextFeatures[];
}

/** At most this many terms become dimensions: enough for themes, small enough for speed. */
const MAX_DIMENSIONS = 300;
/** k is chosen on an evenly spaced sample of at most this many contributions. */
const K_SAMPLE = 600;
const SEED = 20261130;
const PHRASE_PREFIX = "~";
/** Work this long, then let waiting requests run. */
const SLICE_MS = 15;

/** Returns a function that yields to the event loop once a slice of work is used up. */
function cooperative(): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
}

function termsOf(features: TextFeatures): string[] {
  return [...features.stems, ...features.phrases.map((phrase) => PHRASE_PREFIX + phrase)];
}

function documentFrequency(documents: string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const terms of documents) {
    for (const term of new Set(terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

function normalise(vector: Vector): Vector | null {
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) return null;
  const length = Math.sqrt(norm);
  return vector.map((value) => value / length);
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** TF-IDF vectors of the contributions, against the issue and a background of the site. */
export async function vectorise(texts: string[], background: string[]): Promise<Corpus> {
  const pause = cooperative();
  const readableStems = new Map<string, string>();
  const features: TextFeatures[] = [];
  for (const text of texts) {
    features.push(featuresOf(text, readableStems));
    await pause();
  }
  const documents = features.map(termsOf);
  const backgroundDocuments: string[][] = [];
  for (const text of background) {
    backgroundDocuments.push(termsOf(featuresOf(text)));
    await pause();
  }
  const inIssue = documentFrequency(documents);
  const inSite = documentFrequency(backgroundDocuments);
  const total = documents.length + backgroundDocuments.length;
  const idf = new Map<string, number>();
  for (const [term, df] of inIssue)
    idf.set(term, Math.log((1 + total) / (1 + df + (inSite.get(term) ?? 0))) + 1);
  // Dimensions: terms at least two contributions share, most informative first.
  const terms = [...inIssue.entries()]
    .filter(([, df]) => df >= 2)
    .map(([term, df]) => ({ term, score: df * idf.get(term)! }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
    .slice(0, MAX_DIMENSIONS)
    .map(({ term }) => term);
  const column = new Map(terms.map((term, index) => [term, index]));
  const vectors = documents.map((document) => {
    const vector = new Float64Array(terms.length);
    for (const term of document) {
      const at = column.get(term);
      if (at !== undefined) vector[at]! += 1;
    }
    for (let i = 0; i < vector.length; i++) {
      if (vector[i]! > 0) vector[i] = (1 + Math.log(vector[i]!)) * idf.get(terms[i]!)!;
    }
    return normalise(vector);
  });
  const readable = (term: string) =>
    term.startsWith(PHRASE_PREFIX) ? term.slice(1) : (readableStems.get(term) ?? term);
  return { vectors, terms, readable, idf, features };
}

/** Mean silhouette (cosine distance) of a clustering over a fixed, evenly spaced sample. */
async function silhouette(
  points: Vector[],
  labels: number[],
  k: number,
  pause: () => Promise<void>,
): Promise<number> {
  const step = Math.max(1, Math.floor(points.length / 300));
  const sample: number[] = [];
  for (let i = 0; i < points.length; i += step) sample.push(i);
  let sum = 0;
  for (const i of sample) {
    const distances = new Array<number>(k).fill(0);
    const sizes = new Array<number>(k).fill(0);
    for (const j of sample) {
      if (i === j) continue;
      distances[labels[j]!]! += 1 - cosine(points[i]!, points[j]!);
      sizes[labels[j]!]! += 1;
    }
    const own = labels[i]!;
    if (sizes[own] === 0) continue;
    const a = distances[own]! / sizes[own]!;
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && sizes[c]! > 0) b = Math.min(b, distances[c]! / sizes[c]!);
    }
    if (Number.isFinite(b)) sum += (b - a) / Math.max(a, b);
    await pause();
  }
  return sum / sample.length;
}

async function clusterOnce(
  points: number[][],
  k: number,
  pause: () => Promise<void>,
  initialization: "kmeans++" | number[][] = "kmeans++",
) {
  let last: { clusters: number[]; centroids: number[][] } | null = null;
  // The generator yields after each iteration, which is where requests get their turn.
  for (const step of kmeansGenerator(points, k, {
    seed: SEED,
    initialization,
    maxIterations: 30,
  })) {
    last = step;
    await pause();
  }
  if (!last) throw new Error("k-means produced no iteration");
  return { labels: last.clusters, centroids: last.centroids };
}

/**
 * The number of themes to suggest, the best silhouette between 4 and 14 (fewer for few
 * contributions), and that clustering's centres, which seed the final clustering.
 */
async function chooseK(
  points: Vector[],
  data: number[][],
  onStep: () => void,
  pause: () => Promise<void>,
): Promise<{ k: number; centroids: number[][] | null }> {
  const largest = Math.min(14, Math.floor(points.length / 5));
  let best: { k: number; score: number; centroids: number[][] | null } = {
    k: Math.max(2, Math.min(4, largest)),
    score: -Infinity,
    centroids: null,
  };
  for (let k = 4; k <= largest; k++) {
    const { labels, centroids } = await clusterOnce(data, k, pause);
    const score = await silhouette(points, labels, k, pause);
    if (score > best.score + 1e-9) best = { k, score, centroids };
    onStep();
  }
  return { k: best.k, centroids: best.centroids };
}

/** The phrases that set a cluster apart: frequent in it, rare elsewhere on the site. */
function distinctivePhrases(corpus: Corpus, members: number[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const index of members) {
    for (const term of new Set(termsOf(corpus.features[index]!))) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()]
    .filter(([, count]) => count >= Math.min(2, members.length))
    .map(([term, count]) => ({
      term,
      // A phrase reads better than a stem, so it wins a close call.
      score: count * (corpus.idf.get(term) ?? 1) * (term.startsWith(PHRASE_PREFIX) ? 1.5 : 1),
    }))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  const chosen: string[] = [];
  for (const { term } of ranked) {
    const words = corpus.readable(term);
    if (chosen.some((seen) => seen.includes(words) || words.includes(seen))) continue;
    chosen.push(words);
    if (chosen.length === limit) break;
  }
  return chosen;
}

export interface SuggestionProgress {
  (done: number, total: number): void;
}

/** Candidate themes and key phrases for an issue's contributions. */
export async function suggestThemes(
  corpus: Corpus,
  onProgress: SuggestionProgress = () => {},
): Promise<ThemeSuggestions> {
  const pause = cooperative();
  const placed = corpus.vectors.flatMap((vector, index) => (vector ? [index] : []));
  const unplaced = corpus.vectors.flatMap((vector, index) => (vector ? [] : [index]));
  const points = placed.map((index) => corpus.vectors[index]!);
  const keyPhrases = distinctivePhrases(corpus, placed, 20);
  if (points.length < 10) return { themes: [], keyPhrases, unplaced };
  const steps = Math.max(0, Math.min(14, Math.floor(points.length / 5)) - 3) + 1;
  let done = 0;
  const step = () => onProgress(++done, steps);
  const data = points.map((point) => Array.from(point));
  // Choosing k clusters the data once per candidate k: on a sample, which keeps 5,000
  // contributions within seconds; the final clustering uses every contribution.
  const stride = Math.max(1, points.length / K_SAMPLE);
  const sampled: number[] = [];
  for (let at = 0; Math.floor(at) < points.length; at += stride) sampled.push(Math.floor(at));
  const chosen = await chooseK(
    sampled.map((index) => points[index]!),
    sampled.map((index) => data[index]!),
    step,
    pause,
  );
  const k = chosen.k;
  // Starting from the sample's centres, the full clustering needs a few iterations only.
  const { labels, centroids } = await clusterOnce(data, k, pause, chosen.centroids ?? "kmeans++");
  step();
  const themes: SuggestedTheme[] = [];
  for (let cluster = 0; cluster < k; cluster++) {
    const centre = normalise(new Float64Array(centroids[cluster]!));
    const members = placed
      .map((index, at) => ({ index, at }))
      .filter(({ at }) => labels[at] === cluster)
      .map(({ index, at }) => ({
        index,
        confidence: centre ? Math.max(0, cosine(points[at]!, centre)) : 0,
      }))
      .sort((a, b) => b.confidence - a.confidence || a.index - b.index);
    if (members.length === 0) continue;
    const phrases = distinctivePhrases(
      corpus,
      members.map((m) => m.index),
      4,
    );
    const label = phrases.slice(0, 2).join(" · ") || "Miscellaneous";
    themes.push({ label, phrases, members });
  }
  themes.sort((a, b) => b.members.length - a.members.length || (a.label < b.label ? -1 : 1));
  return { themes, keyPhrases, unplaced };
}

/** The centre of some contributions' vectors (null when none has any content). */
export function centreOf(corpus: Corpus, indexes: number[]): Vector | null {
  const sum = new Float64Array(corpus.terms.length);
  let any = false;
  for (const index of indexes) {
    const vector = corpus.vectors[index];
    if (!vector) continue;
    any = true;
    for (let i = 0; i < sum.length; i++) sum[i]! += vector[i]!;
  }
  return any ? normalise(sum) : null;
}

/** Below this cosine a contribution is too far from every theme to suggest one. */
export const MIN_CONFIDENCE = 0.12;

/**
 * The nearest theme for each contribution not yet coded, from the examples each theme
 * has (indexes into the corpus). Themes without examples suggest nothing.
 */
export function suggestCodes(
  corpus: Corpus,
  examples: Map<number, number[]>,
  uncoded: number[],
): { index: number; themeId: number; confidence: number }[] {
  const centres = [...examples.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([themeId, indexes]) => {
      const centre = centreOf(corpus, indexes);
      return centre ? [{ themeId, centre }] : [];
    });
  const suggestions: { index: number; themeId: number; confidence: number }[] = [];
  for (const index of uncoded) {
    const vector = corpus.vectors[index];
    if (!vector) continue;
    let best: { themeId: number; confidence: number } | null = null;
    for (const { themeId, centre } of centres) {
      const confidence = cosine(vector, centre);
      if (confidence >= MIN_CONFIDENCE && (!best || confidence > best.confidence + 1e-12))
        best = { themeId, confidence };
    }
    if (best) suggestions.push({ index, ...best, confidence: round2(best.confidence) });
  }
  return suggestions;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
