// torsf (Tor Snowflake): failure is an anomaly; ooniprobe-android 3.8.3 is known broken.
import { get, requireStr, truthy } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

export const scoreTorsf: Scorer = (msm) => {
  const scores = initScores();
  const tk = testKeys(msm);
  const swName = get(msm, 'software_name', 'unknown');
  const swVersion = get(msm, 'software_version', 'unknown');
  if (swVersion === '3.8.3' && requireStr(swName, 'startswith').startsWith('ooniprobe-android')) {
    scores.accuracy = 0.0;
    return scores;
  }
  if (truthy(get(tk, 'failure'))) {
    scores.blocking_general = 1.0;
    return scores;
  }
  scores.extra = { bootstrap_time: get(tk, 'bootstrap_time'), test_runtime: get(msm, 'test_runtime') };
  return scores;
};
