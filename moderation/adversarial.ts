/**
 * Posts built to make a rules engine slow: 20,000 characters each, shaped against the
 * patterns a moderation engine runs (long runs with no "@", digits with separators,
 * whitespace runs, almost-matches of blocked terms). Used by the engine's tests (for
 * what they decide) and by `npm run bench` (for how long the worst one takes).
 */
export const ADVERSARIAL_LENGTH = 20_000;

const fill = (unit: string) =>
  unit.repeat(Math.ceil(ADVERSARIAL_LENGTH / unit.length)).slice(0, ADVERSARIAL_LENGTH);

export const ADVERSARIAL_POSTS: Record<string, string> = {
  "letters with no @": fill("a"),
  "local parts and @ signs": fill("a.b-c+d@"),
  "@ then a domain with no dot": `a@${fill("b")}`.slice(0, ADVERSARIAL_LENGTH),
  "digits and separators": fill("0 1-2.3(4)"),
  "a number and whitespace": `1${fill(" ")}`.slice(0, ADVERSARIAL_LENGTH),
  "house numbers and capitalised words": fill("12 Aaaa Bbbb "),
  "ten-digit runs": fill("943 476 5919 "),
  "accents to fold": fill("é̀ü "),
  "near misses of blocked terms": fill("scumba paydayloan pay day loa "),
  "links without ends": fill("https://www."),
  capitals: fill("ABC "),
};

/** 500 blocked terms, words and phrases, as a council might accumulate over years. */
export const MANY_BLOCKED_TERMS: string[] = Array.from({ length: 500 }, (_, i) =>
  i % 5 === 0 ? `phrase number ${i} here` : `blockedterm${i}`,
);
