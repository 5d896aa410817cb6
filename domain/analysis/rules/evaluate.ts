// The first-match cascade (upstream multiIf): the first rule whose condition is true (NULL counts
// as false) gives the verdict; no match gives rule `none`, (0, 0, 0), evidence NONE.
import { Evidence, type LayerVerdict, type Rule } from './types.ts';

export const NO_MATCH_RULE_ID = 'none';
const NO_MATCH: LayerVerdict = { ruleId: NO_MATCH_RULE_ID, blocked: 0, down: 0, ok: 0, evidence: Evidence.NONE };

export function firstMatch<S>(rules: readonly Rule<S>[], scope: S): LayerVerdict {
  for (const r of rules) {
    if (r.condition(scope) === true) return { ruleId: r.id, blocked: r.blocked, down: r.down, ok: r.ok, evidence: r.evidence };
  }
  return NO_MATCH;
}
