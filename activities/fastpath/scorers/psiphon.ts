// psiphon: bootstrap failure is an anomaly; accuracy is set explicitly.
import { eq, get, hasKey } from '../py/values.ts';
import type { Dict } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

export const scorePsiphon: Scorer = (msm: Dict) => {
  const scores = initScores();
  const tk = testKeys(msm);
  const failure = get(tk, 'failure');
  const bootstrapTime = get(tk, 'bootstrap_time', 0);
  if (failure === null) {
    scores.accuracy = eq(bootstrapTime, 0) ? 0.0 : 1.0;
  } else {
    scores.accuracy = 1.0;
    scores.blocking_general = 1.0;
  }
  if (!hasKey(msm, 'resolver_ip')) scores.accuracy = 0.0;
  scores.extra = { test_runtime: get(msm, 'test_runtime'), bootstrap_time: bootstrapTime };
  return scores;
};
