// dash: failures are never an anomaly (0.1 at most), always a measurement failure.
import { contains, get, isDict } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

const NETWORK_FAILURES = new Set([
  'connection_aborted',
  'json_parse_error',
  'eof_error',
  'json_processing_error',
  'http_request_failed',
  'connect_error',
  'generic_timeout_error',
  'broken_pipe',
  'connection_refused',
]);

export const scoreDash: Scorer = (msm) => {
  const scores = initScores();
  const tk = testKeys(msm);
  const failure = get(tk, 'failure');
  if (isDict(tk) && Object.keys(tk).length === 0) {
    scores.accuracy = 0.0;
    return scores;
  }
  if (failure === null) return scores;
  if ((typeof failure === 'string' && NETWORK_FAILURES.has(failure)) || contains(failure, 'ssl_error')) {
    scores.blocking_general = 0.1;
    scores.accuracy = 0.0;
  } else {
    scores.msg = 'Probe error';
    scores.accuracy = 0.0;
  }
  return scores;
};
