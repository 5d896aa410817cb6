// The rule set's version, stamped on every analysis row (`analysis_rules_version`). Upstream's rule:
// never change a rule's semantics in place — add a rule id and bump this.
export const RULES_VERSION = 2;
