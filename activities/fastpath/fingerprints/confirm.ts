// Confirmation of matched fingerprints and their effect on the scores.
import type { Scores } from '../scores.ts';
import type { Fingerprint } from './types.ts';

const SCOPE_TO_LOCALITY: Record<string, string> = { inst: 'local', isp: 'isp', nat: 'country', prod: 'general' };

/** is_confirmed: listed country (not ZZ), or a national/ISP blockpage anywhere. */
export function isConfirmed(probeCc: string, fp: Fingerprint): boolean {
  if (probeCc !== 'ZZ' && fp.expectedCountries.includes(probeCc)) return true;
  return fp.scope === 'isp' || fp.scope === 'nat';
}

/** Lists the matches in scores.fingerprints and sets blocking_<locality> for confirmed ones. */
export function applyMatches(scores: Scores, matches: readonly Fingerprint[], probeCc: string): void {
  if (matches.length > 0) scores.fingerprints = matches.map((fp) => fp.mini);
  for (const fp of matches) {
    if (isConfirmed(probeCc, fp)) {
      scores[`blocking_${SCOPE_TO_LOCALITY[fp.scope] ?? 'general'}`] = 1.0;
      scores.confirmed = true;
    }
  }
}
