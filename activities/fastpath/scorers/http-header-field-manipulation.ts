// http_header_field_manipulation: headers the helper received vs. the headers the probe sent.
import { PyError } from '../py/errors.ts';
import { get, hashKey, index, isDict, item } from '../py/values.ts';
import { initScores } from '../scores.ts';
import { testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

/** tk["requests"][0], or undefined for the KeyError/IndexError/TypeError the original catches. */
function firstRequest(tk: unknown): unknown {
  try {
    return index(item(tk, 'requests'), 0);
  } catch (e) {
    if (e instanceof PyError && ['KeyError', 'IndexError', 'TypeError'].includes(e.pyType)) return undefined;
    throw e;
  }
}

function parseHeadersDict(body: unknown): unknown {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return isDict(parsed) && Object.hasOwn(parsed, 'headers_dict') ? parsed.headers_dict : undefined;
  } catch {
    return undefined;
  }
}

const CONNECTION_CLOSE = `${hashKey('Connection')}\u0000${hashKey('close')}`;

function pairSet(pairs: [unknown, unknown][]): Set<string> {
  const set = new Set(pairs.map(([k, v]) => `${hashKey(k)}\u0000${hashKey(v)}`));
  // the Connection header is often rewritten by the helper's stack
  set.delete(CONNECTION_CLOSE);
  return set;
}

export const scoreHttpHeaderFieldManipulation: Scorer = (msm) => {
  const tk = testKeys(msm);
  const scores = initScores();
  const req = firstRequest(tk);
  if (req === undefined) {
    scores.accuracy = 0.0;
    return scores;
  }
  const resp = get(req, 'response', {});
  if (resp === null) {
    scores.accuracy = 0.0;
    return scores;
  }
  const body = get(resp, 'body');
  if (body === null) {
    scores.total_tampering = true;
    scores.blocking_general = 1.0;
    scores.msg = 'Empty body';
    return scores;
  }
  const ctrlHeaders = parseHeadersDict(body);
  if (ctrlHeaders === undefined) {
    scores.blocking_general = 1.0;
    scores.msg = 'Malformed ctrl_headers';
    return scores;
  }
  if (!isDict(ctrlHeaders)) throw new PyError('AttributeError', "object has no attribute 'items'");
  const ctrl = pairSet(Object.entries(ctrlHeaders).map(([k, v]) => [k, index(v, 0)]));
  const sent = get(get(req, 'request', {}), 'headers', {});
  if (!isDict(sent)) throw new PyError('AttributeError', "object has no attribute 'items'");
  const expected = pairSet(Object.entries(sent));

  let diff = 0;
  for (const k of ctrl) if (!expected.has(k)) diff++;
  for (const k of expected) if (!ctrl.has(k)) diff++;
  if (diff === 0) return scores;
  scores.blocking_general = 1.1;
  scores.msg = `${diff} unexpected header change`;
  return scores;
};
