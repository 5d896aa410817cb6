// openvpn: success false is an anomaly, a missing success a failure.
import { get, gNested } from '../py/values.ts';
import { initScores } from '../scores.ts';
import type { Scorer } from './types.ts';

export const scoreOpenvpn: Scorer = (msm) => {
  const scores = initScores();
  const success = gNested(msm, ['test_keys', 'success'], null);
  if (success === false) scores.blocking_general = 1.0;
  else if (success === null) scores.accuracy = 0.0;
  scores.extra = { test_runtime: get(msm, 'test_runtime') };
  return scores;
};
