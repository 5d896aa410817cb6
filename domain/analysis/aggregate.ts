// The per-measurement aggregates of §5.4 (ClickHouse anyHeavy, max, argMax) made deterministic.
import type { LayerVerdict } from './rules/types.ts';

/**
 * anyHeavy replacement: the most frequent non-NULL value; a tie goes to the value whose first
 * occurrence comes first (rows in observation_idx order). NULL when every value is NULL. Upstream's anyHeavy is order-dependent.
 */
export function mostFrequent(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  // a Map iterates in first-occurrence order, so strictly greater keeps the earliest of a tie
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
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
