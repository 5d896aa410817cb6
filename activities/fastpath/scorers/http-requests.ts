// http_requests (legacy): probe's body/header comparison plus fingerprints on non-Tor requests.
import { applyMatches } from '../fingerprints/confirm.ts';
import { matchBody, matchHeaders } from '../fingerprints/match.ts';
import type { Fingerprint } from '../fingerprints/types.ts';
import { get, gNested, gOr, iter, requireStr, truthy } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

export const scoreHttpRequests: Scorer = (msm, fingerprints) => {
  const scores = initScores();
  const tk = testKeys(msm);
  const bodyLengthMatch = get(tk, 'body_length_match');
  const headersMatch = get(tk, 'headers_match');
  // top level of the measurement, not test_keys, as in the original
  const failed = truthy(get(msm, 'control_failure')) || truthy(get(msm, 'experiment_failure'));
  if (failed || bodyLengthMatch === null || headersMatch === null) {
    scores.accuracy = 0.0;
    return scores;
  }
  if (!(truthy(bodyLengthMatch) && truthy(headersMatch))) scores.blocking_general = 1.0;

  const matches: Fingerprint[] = [];
  for (const req of iter(gOr(tk, 'requests', []))) {
    if (truthy(gNested(req, ['request', 'tor', 'is_tor'], null))) continue;
    const resp = gOr(req, 'response', {});
    matchBody(fingerprints, resp, matches);
    matchHeaders(fingerprints, resp, matches);
  }
  applyMatches(scores, matches, requireStr(gOr(msm, 'probe_cc', 'ZZ'), 'upper').toUpperCase());
  return scores;
};
