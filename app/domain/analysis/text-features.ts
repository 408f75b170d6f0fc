/**
 * What a contribution is about, as features: the stems of its content words and the
 * noun phrases in it. wink-nlp does the language work (tokens, parts of speech, stop
 * words, Porter stems, lemmas, phrase patterns) with its English model, which ships inside
 * the npm package: nothing leaves the server. Deterministic: the same text always gives
 * the same features.
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

export interface TextFeatures {
  /** Stems of content words (nouns, verbs, adjectives, proper nouns), in order. */
  stems: string[];
  /** Noun phrases, lower-cased, e.g. "study space", "school crossing". */
  phrases: string[];
}

/** Parts of speech that carry what a contribution is about. */
const CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ"]);
/** Words that say little on a consultation whatever the topic. */
const CONSULTATION_WORDS = new Set([
  "council",
  "please",
  "people",
  "thing",
  "think",
  "make",
  "need",
  "want",
  "get",
  "go",
  "keep",
  "use",
  "would",
  "lot",
  "way",
  "good",
  "really",
]);

type Nlp = ReturnType<typeof winkNLP>;
let loaded: { nlp: Nlp } | null = null;

/** Loads the model once per process (about 100 ms) and teaches it the phrase patterns. */
function language(): Nlp {
  if (loaded) return loaded.nlp;
  const nlp = winkNLP(model);
  nlp.learnCustomEntities([
    { name: "phrase", patterns: ["[ADJ|NOUN|PROPN] [NOUN|PROPN]"] },
    { name: "phrase", patterns: ["[NOUN|PROPN] [NOUN|PROPN] [NOUN|PROPN]"] },
  ]);
  loaded = { nlp };
  return nlp;
}

/** The features of one text, and each stem's most readable form (its lemma). */
export function featuresOf(text: string, readable?: Map<string, string>): TextFeatures {
  const nlp = language();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const types = tokens.out(its.type);
  const pos = tokens.out(its.pos);
  const stops = tokens.out(its.stopWordFlag);
  // The typings give stem and lemma an add-on parameter `out` does not accept; at run
  // time `out` passes the model's add-ons, as the library documents.
  const stemsAll = tokens.out(its.stem as unknown as typeof its.value);
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value);
  const stems: string[] = [];
  for (let i = 0; i < types.length; i++) {
    const lemma = String(lemmas[i]).toLowerCase();
    if (types[i] !== "word" || stops[i] || !CONTENT_POS.has(String(pos[i]))) continue;
    if (lemma.length < 3 || CONSULTATION_WORDS.has(lemma)) continue;
    const stem = String(stemsAll[i]).toLowerCase();
    stems.push(stem);
    if (readable && !readable.has(stem)) readable.set(stem, lemma);
  }
  const phrases = doc
    .customEntities()
    .out()
    .map((phrase) => phrase.toLowerCase())
    .filter((phrase) => !phrase.split(" ").some((word) => CONSULTATION_WORDS.has(word)));
  return { stems, phrases };
}
