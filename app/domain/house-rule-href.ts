/** Where a rule is on the public page, for links from decisions (pages and mail alike). */
export function houseRuleHref(ruleId: number): string {
  return `/house-rules#rule-${ruleId}`;
}
