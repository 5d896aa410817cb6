// http_invalid_request_line: any difference between sent and echoed lines is an anomaly. The
// probe's own `tampering` flag is ignored (probe issue 1278).
import { itemEq } from '../py/lazy-eq.ts';
import { get, iter, len } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

export const scoreHttpInvalidRequestLine: Scorer = (msm) => {
  const tk = testKeys(msm);
  const scores = initScores();
  const sent = get(tk, 'sent', []);
  const received = get(tk, 'received', []);
  if (len(sent) === 0 && len(received) === 0) {
    scores.accuracy = 0.0;
    return scores;
  }
  const s = iter(sent);
  const r = iter(received);
  for (let i = 0; i < Math.min(s.length, r.length); i++) {
    if (!itemEq(s, i, r, i)) {
      scores.blocking_general = 1.0;
      break;
    }
  }
  return scores;
};
