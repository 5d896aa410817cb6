// The detector's domains (ooni-data.md §7.1): the global Citizen Lab list's GRP (global
// platforms) domains plus twitter.com, unless a setting names the domains. Pure.

const EXTRA_WATCHLIST_DOMAINS = ['twitter.com'] as const;

/** The sorted, de-duplicated watchlist from the list's GRP domains, or the override when given. */
export function watchlist(grpDomains: readonly string[], override?: readonly string[]): string[] {
  const domains = override ?? [...grpDomains, ...EXTRA_WATCHLIST_DOMAINS];
  return [...new Set(domains)].sort();
}
