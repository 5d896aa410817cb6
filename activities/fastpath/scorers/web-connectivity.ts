// web_connectivity: trusts the probe's `blocking`/`accessible`, adds fingerprint confirmation.
import { applyMatches } from '../fingerprints/confirm.ts';
import { matchFingerprints } from '../fingerprints/match.ts';
import type { Fingerprint } from '../fingerprints/types.ts';
import { Base64Error } from '../py/errors.ts';
import { get, gOr, hasKey, isDict, requireStr } from '../py/values.ts';
import type { Dict } from '../py/values.ts';
import { initScores } from '../scores.ts';
import type { Scores } from '../scores.ts';
import { hasUnknownFailure, testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

const BLOCKING_TYPES = new Set(['tcp_ip', 'dns', 'http-diff', 'http-failure']);

function scoreWithMatches(msm: Dict, matches: Fingerprint[]): Scores {
  const scores = initScores();
  const tk = testKeys(msm);
  applyMatches(scores, matches, requireStr(gOr(msm, 'probe_cc', 'ZZ'), 'upper').toUpperCase());

  const tm = get(tk, 'title_match');
  if (!(tm === null || tm === true || tm === false || tm === 0 || tm === 1)) {
    scores.accuracy = 0.0;
    return scores;
  }

  const blocking = get(tk, 'blocking');
  if (typeof blocking === 'string' && BLOCKING_TYPES.has(blocking)) {
    scores.blocking_general = 1.0;
    scores.analysis = { blocking_type: blocking };
  } else if (blocking === false || blocking === 0) {
    // probe says accessible
  } else if (blocking === null) {
    // backend issue 610: the probe could not decide; a confirmed fingerprint still counts
    if (matches.length === 0) scores.accuracy = 0.0;
  } else {
    scores.analysis = { msg: 'Unsupported blocking type' };
    scores.accuracy = 0.0;
  }

  if (hasUnknownFailure(tk)) scores.accuracy = 0.0;

  (scores.blocking_general as number) +=
    (scores.blocking_country as number) + (scores.blocking_global as number) + (scores.blocking_isp as number) + (scores.blocking_local as number);

  if (isDict(tk) && hasKey(tk, 'accessible') && tk.accessible === null && matches.length === 0) scores.accuracy = 0.0;
  return scores;
}

export const scoreWebConnectivity: Scorer = (msm, fingerprints) => {
  let matches: Fingerprint[];
  try {
    matches = matchFingerprints(fingerprints, msm);
  } catch (e) {
    if (!(e instanceof Base64Error)) throw e;
    const scores = scoreWithMatches(msm, []);
    scores.accuracy = 0.0;
    return scores;
  }
  return scoreWithMatches(msm, matches);
};
