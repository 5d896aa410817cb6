// The per-measurement aggregates of §5.4 (ClickHouse anyHeavy, max, argMax) made deterministic.
import type { LayerVerdict } from './rules/types.ts';

/**
 * anyHeavy replacement: the most frequent non-NULL value; a tie goes to the value whose first
 * occurrence comes first (rows in observation_idx order). NULL when every value is NULL. Upstream's anyHeavy is order-dependent.
 */
export function mostFrequent(values: readonly (string | null)[]): string | null {
  // a measurement has a handful of rows and fewer distinct values: parallel arrays in
  // first-occurrence order are cheaper than a Map made per column and measurement
  const seen: string[] = [];
  const counts: number[] = [];
  for (const v of values) {
    if (v === null) continue;
    const i = seen.indexOf(v);
    if (i < 0) {
      seen.push(v);
      counts.push(1);
    } else counts[i]!++;
  }
  let best: string | null = null;
  let bestCount = 0;
  // strictly greater keeps the earliest of a tie
  for (let i = 0; i < seen.length; i++) {
    if (counts[i]! > bestCount) {
      best = seen[i]!;
      bestCount = counts[i]!;
    }
  }
  return best;
}

/** `argMax(rule_id, (evidence, blocked, rule_id))`: highest evidence, then blocked, then the larger id. */
export function topRuleId(verdicts: readonly LayerVerdict[]): string {
  let top = verdicts[0]!;
  for (const v of verdicts) {
    if (v.evidence !== top.evidence ? v.evidence > top.evidence : v.blocked !== top.blocked ? v.blocked > top.blocked : v.ruleId > top.ruleId)
      top = v;
  }
  return top.ruleId;
}
