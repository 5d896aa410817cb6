// The DNS fingerprints as the analysis joins them (§5.2): only pattern_type 'full', grouped by
// pattern; expected countries = the union over the group, each space-trimmed; scope = the first
// fingerprint's (upstream takes `any(scope)`; list order makes it deterministic). The shared loader
// has already split and upper-cased expected_countries and dropped "ZZ" (fastpath semantics), so a
// probe reporting cc ZZ never matches a fingerprint listing ZZ (upstream would): docs/v5-data.md.
import type { Fingerprints } from '../../activities/fastpath/fingerprints/types.ts';

interface DnsFingerprintGroup {
  scope: string;
  expectedCountries: ReadonlySet<string>;
}

export interface DnsFingerprintIndex {
  /** the fingerprint list's version, for the analysis row's provenance */
  version: string;
  byPattern: ReadonlyMap<string, DnsFingerprintGroup>;
}

export function dnsFingerprintIndex(fingerprints: Fingerprints): DnsFingerprintIndex {
  const byPattern = new Map<string, { scope: string; expectedCountries: Set<string> }>();
  for (const fp of fingerprints.dns) {
    if (fp.patternType !== 'full') continue;
    let g = byPattern.get(fp.pattern);
    if (!g) byPattern.set(fp.pattern, (g = { scope: fp.scope, expectedCountries: new Set() }));
    // upstream trims spaces around each comma-separated code ("RU, IT"); the shared loader does not
    for (const cc of fp.expectedCountries) g.expectedCountries.add(cc.replace(/^ +| +$/g, ''));
  }
  return { version: fingerprints.version, byPattern };
}

/** `dns_blocking_scope != 'fp' AND has(expected_countries, probe_cc)` for the row's own answer. */
export function dnsBlockingCountryConsistent(index: DnsFingerprintIndex, dnsAnswer: string | null, probeCc: string): boolean {
  if (dnsAnswer === null) return false;
  const g = index.byPattern.get(dnsAnswer);
  // a join miss gives scope '' and an empty list: false either way
  return g !== undefined && g.scope !== 'fp' && g.expectedCountries.has(probeCc);
}
