// tcp_connect: connection errors score 0.8, unknown outcomes 1.0.
import { PyError } from '../py/errors.ts';
import { get, item, truthy } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

const KNOWN_ERRORS = new Set(['generic_timeout_error', 'connection_refused_error', 'connect_error', 'tcp_timed_out_error']);

export const scoreTcpConnect: Scorer = (msm) => {
  const scores = initScores();
  const tk = testKeys(msm);
  if (!truthy(item(msm, 'input'))) throw new PyError('AssertionError', 'input');
  const result = get(tk, 'connection');
  if (result === 'success') return scores;
  scores.blocking_general = typeof result === 'string' && KNOWN_ERRORS.has(result) ? 0.8 : 1.0;
  return scores;
};
