// browser_web: the result reported by the browser.
import { gOr } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

export const scoreBrowserWeb: Scorer = (msm) => {
  const scores = initScores();
  const tk = testKeys(msm);
  const result = gOr(tk, 'result', '');
  if (result === 'error') scores.blocking_general = 1.0;
  else if (result !== 'ok') scores.accuracy = 0.0;
  scores.extra = { browser_name: gOr(tk, 'browser_name', ''), load_time_ms: gOr(tk, 'load_time_ms', 0) };
  return scores;
};
