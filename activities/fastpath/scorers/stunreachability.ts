// stunreachability: a failure is an anomaly; endpoint and failure are kept in extra.
import { get, truthy } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

export const scoreStunreachability: Scorer = (msm) => {
  const scores = initScores();
  const tk = testKeys(msm);
  const extra: Record<string, unknown> = { endpoint: get(tk, 'endpoint') };
  scores.extra = extra;
  const failure = get(tk, 'failure');
  if (truthy(failure)) {
    scores.blocking_general = 1.0;
    extra.failure = failure;
  }
  return scores;
};
