/** The periods "How we listen" offers, in words (shared with the page's components). */
export const PERIODS = {
  "3m": { label: "the last 3 months", days: 91 },
  "6m": { label: "the last 6 months", days: 182 },
  "12m": { label: "the last 12 months", days: 365 },
  "5y": { label: "the last 5 years", days: 1826 },
} as const;
export type PeriodKey = keyof typeof PERIODS;
