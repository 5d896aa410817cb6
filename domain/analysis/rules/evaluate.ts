// The first-match cascade (upstream multiIf): the first rule whose condition is true (NULL counts
// as false) gives the verdict; no match gives rule `none`, (0, 0, 0), evidence NONE.
import { Evidence, type LayerVerdict, type Rule } from './types.ts';

export const NO_MATCH_RULE_ID = 'none';
const NO_MATCH: LayerVerdict = { ruleId: NO_MATCH_RULE_ID, blocked: 0, down: 0, ok: 0, evidence: Evidence.NONE };

/** Each rule's verdict, made once: every row a rule matches gets the same (frozen) object. */
const verdicts = new WeakMap<Rule<never>, LayerVerdict>();

function verdictOf<S>(r: Rule<S>): LayerVerdict {
  let v = verdicts.get(r);
  if (!v) verdicts.set(r, (v = Object.freeze({ ruleId: r.id, blocked: r.blocked, down: r.down, ok: r.ok, evidence: r.evidence })));
  return v;
}

export function firstMatch<S>(rules: readonly Rule<S>[], scope: S): LayerVerdict {
  for (const r of rules) if (r.condition(scope) === true) return verdictOf(r);
  return NO_MATCH;
}
