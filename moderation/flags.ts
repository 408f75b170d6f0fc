/**
 * How much one flag counts. A flag from a resident with more trust, or whose earlier
 * flags moderators upheld, counts for more; one whose flags were mostly dismissed
 * counts for less. A new resident with no record counts exactly 1, so with the default
 * threshold of 3, three residents flagging a post hide it.
 */
export interface FlaggerRecord {
  trustLevel: number;
  /** Earlier flags of theirs that a moderator agreed with. */
  upheld: number;
  /** Earlier flags of theirs that a moderator dismissed. */
  dismissed: number;
}

const TRUST_WEIGHTS = [1, 1, 1.5, 2] as const;

/** The weight of a new flag from someone with this record. */
export function flagWeight(record: FlaggerRecord): number {
  const trust = TRUST_WEIGHTS[Math.max(0, Math.min(record.trustLevel, TRUST_WEIGHTS.length - 1))];
  // Laplace-smoothed share of flags upheld: 0.5 with no record, so the factor starts at 1.
  const accuracy = (record.upheld + 1) / (record.upheld + record.dismissed + 2);
  const factor = 0.5 + accuracy;
  return Math.round((trust ?? 1) * factor * 100) / 100;
}

/** Whether flags adding up to `score` hide the post until a moderator decides. */
export function flagsHidePost(score: number, threshold: number): boolean {
  return score >= threshold - 1e-9;
}
