// PLACEHOLDER until H2 lands
export const RULES_VERSION = 2;
