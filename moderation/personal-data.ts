/**
 * Spotting personal data residents should not publish about themselves or others.
 * Each detector is tuned against false positives as much as against misses: "B12
 * vitamins", "the 42 bus", "£180,000" and "2027/28" must never trip it.
 */
export type PersonalDataKind = "phone" | "email" | "address" | "ni_number" | "nhs_number";

// UK numbers: 0 or +44 then 9–10 more digits, spaces, dots, hyphens or brackets between.
const UK_PHONE = /(?:^|[^\d+])((?:\+44\s?\(?0?\)?|\(?0)(?:[\s.()-]{0,2}\d){9,10})(?!\d)/;
// Bounded and anchored: a run of letters with no "@" is passed once, not once per letter
// (the unbounded form took 1.3 s on 20,000 letters). 64 and 63 are the RFC limits.
const EMAIL =
  /(?<![A-Z0-9._%+-])[A-Z0-9._%+-]{1,64}@(?:[A-Z0-9-]{1,63}\.){1,8}[A-Z]{2,24}(?![A-Z0-9-])/i;
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/i;
const HOUSE_NUMBER_AND_STREET =
  /\b\d{1,4}[a-z]?,?\s{1,3}(?:[A-Z][a-z']{1,30}\s{1,3}){1,3}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Way|Drive|Dr|Court|Ct|Crescent|Place|Grove|Gardens|Terrace|Row|Hill|Walk|Mews|Square|Parade|View)\b/;
// National Insurance: two letters (not D, F, I, Q, U or V; second not O), six digits, A–D.
const NI_NUMBER = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/i;
const TEN_DIGITS = /\b(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})\b/g;

/** NHS numbers carry a modulus 11 check digit: most ten-digit strings fail it. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

function hasNhsNumber(text: string): boolean {
  for (const match of text.matchAll(TEN_DIGITS)) {
    const digits = `${match[1]}${match[2]}${match[3]}`;
    // A leading 0 makes it a phone number, which the phone rule judges.
    if (!digits.startsWith("0") && isValidNhsNumber(digits)) return true;
  }
  return false;
}

/** Which kinds of personal data the text seems to contain. */
export function findPersonalData(text: string): PersonalDataKind[] {
  const found: PersonalDataKind[] = [];
  if (UK_PHONE.test(text)) found.push("phone");
  if (EMAIL.test(text)) found.push("email");
  if (POSTCODE.test(text) && HOUSE_NUMBER_AND_STREET.test(text)) found.push("address");
  if (NI_NUMBER.test(text)) found.push("ni_number");
  if (hasNhsNumber(text)) found.push("nhs_number");
  return found;
}
