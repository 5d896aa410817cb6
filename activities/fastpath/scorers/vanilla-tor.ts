// vanilla_tor: bootstrap progress below 100% scores 1.0 - 0.004 * progress.
import { toFloat } from '../py/numbers.ts';
import { contains, get, truthy } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

const DONE = ['Bootstrapped 100%: Done', 'Bootstrapped 100% (done): Done'];

export const scoreVanillaTor: Scorer = (msm) => {
  const tk = testKeys(msm);
  const scores = initScores();
  const torLogs = get(tk, 'tor_logs');
  const logs = truthy(torLogs) ? torLogs : get(tk, 'tor_log');
  if (logs === null) {
    scores.accuracy = 0.0;
    return scores;
  }
  // substring test for one string, element equality for a list of lines
  if (contains(logs, DONE[0]) || contains(logs, DONE[1])) return scores;

  let progress = toFloat(get(tk, 'tor_progress', 0));
  progress = progress > 0 ? progress : 0; // max(0, nan) is 0 in Python
  progress = progress < 100 ? progress : 100;
  if (progress === 100) return scores;
  scores.blocking_general = 1.0 - progress * 0.004;
  return scores;
};
