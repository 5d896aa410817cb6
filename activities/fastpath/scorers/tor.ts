// tor: share of failed targets among the targets that ran.
import { PyError } from '../py/errors.ts';
import { contains, get, isDict, item, truthy } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

export const scoreTor: Scorer = (msm) => {
  const scores = initScores();
  const tk = testKeys(msm);
  const targets = get(tk, 'targets', {});
  if (!truthy(targets) || Array.isArray(targets)) {
    // a list was the early experimental format
    scores.accuracy = 0.0;
    return scores;
  }
  if (!isDict(targets)) throw new PyError('AttributeError', "object has no attribute 'values'");

  let blocked = 0;
  let success = 0;
  for (const d of Object.values(targets)) {
    if (!contains(d, 'failure') || !contains(d, 'network_events')) {
      scores.accuracy = 0.0;
      return scores;
    }
    const f = item(d, 'failure');
    if (f === false) continue; // did not run
    if (f === null) success++;
    else if (f === '') throw new PyError('AssertionError', 'empty failure');
    else blocked++;
  }
  if (blocked + success > 0) scores.blocking_general = blocked / (blocked + success);
  else scores.accuracy = 0.0;
  scores.extra = { test_runtime: get(msm, 'test_runtime') };
  return scores;
};
