// meek_fronted_requests_test: every fronted request must answer 200 from an ECAcc server.
import { PyError } from '../py/errors.ts';
import { eq, get, hashKey, index, isDict, iter, len, requireStr, truthy } from '../py/values.ts';
import { initScores, setInt } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

/** headers.get("Server", ""); headers may also be a list of [name, [value, ...]] pairs. */
function serverHeader(headers: unknown): unknown {
  if (Array.isArray(headers)) {
    let server: unknown = '';
    for (const pair of headers) {
      if (!truthy(pair)) continue;
      const key = index(pair, 0);
      const value = index(index(pair, 1), 0);
      if (hashKey(key) === hashKey('Server')) server = value;
    }
    return server;
  }
  if (!isDict(headers)) throw new PyError('AttributeError', "object has no attribute 'get'");
  return get(headers, 'Server', '');
}

export const scoreMeekFrontedRequestsTest: Scorer = (msm) => {
  const scores = initScores();
  const tk = testKeys(msm);
  const raw = get(tk, 'requests', []);
  const requests = truthy(raw) ? raw : [];
  if (len(requests) === 0) {
    scores.blocking_general = 1.0;
    setInt(scores, 'accuracy', 0); // an int in the original
    return scores;
  }
  for (const r of iter(requests)) {
    const resp = get(r, 'response', {});
    if (resp === null || !eq(get(resp, 'code', 0), 200)) {
      scores.blocking_general = 1.0;
      return scores;
    }
    const server = requireStr(serverHeader(get(resp, 'headers', {})), 'startswith');
    if (!server.startsWith('ECAcc ')) (scores.blocking_general as number) += 0.5;
  }
  return scores;
};
