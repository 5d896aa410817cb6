// telegram: additive score (0-3) from TCP endpoints, HTTP requests and the web status.
import { PyError } from '../py/errors.ts';
import { pyStr } from '../py/repr.ts';
import { get, gOr, isDict, item, iter } from '../py/values.ts';
import { failedScores, initScores } from '../scores.ts';
import { tcpEndpoints, testKeys } from './shared.ts';
import type { Scorer } from './types.ts';

const WEB_URLS = new Set(['https://web.telegram.org/', 'http://web.telegram.org/']);

/** request["request"]["url"]; undefined stands for the KeyError the original catches. */
function requestUrl(request: unknown): unknown {
  if (!isDict(request)) return item(request, 'request');
  if (!Object.hasOwn(request, 'request')) return undefined;
  const inner = request.request;
  if (!isDict(inner)) {
    if (inner === null || typeof inner !== 'object') throw new PyError('TypeError', 'object is not subscriptable');
    return item(inner, 'url');
  }
  return Object.hasOwn(inner, 'url') ? inner.url : undefined;
}

export const scoreTelegram: Scorer = (msm) => {
  const tk = testKeys(msm);
  const webBlocking = get(tk, 'telegram_web_status') === 'blocked';
  const { accessible, unreachable } = tcpEndpoints(tk);

  let httpSuccess = 0;
  let httpFailure = 0;
  let webFailure: unknown = null;
  for (const request of iter(gOr(tk, 'requests', []))) {
    const url = requestUrl(request);
    if (url === undefined) return failedScores();
    if (typeof url === 'string' && WEB_URLS.has(url)) {
      const f = item(request, 'failure');
      if (f !== null) webFailure = f;
      continue;
    }
    if (item(request, 'failure') === null) httpSuccess++;
    else httpFailure++;
  }

  let s = accessible + unreachable > 0 ? unreachable / (accessible + unreachable) : 0.5;
  s += httpFailure + httpSuccess > 0 ? httpFailure / (httpFailure + httpSuccess) : 0.5;
  if (webBlocking) s += 1;

  const scores = initScores();
  scores.blocking_general = s;
  scores.web_failure = webFailure;
  scores.accessible_endpoints = accessible;
  scores.unreachable_endpoints = unreachable;
  scores.http_success_cnt = httpSuccess;
  scores.http_failure_cnt = httpFailure;
  if (webFailure !== null) scores.msg = `failure: ${pyStr(webFailure)}`;
  return scores;
};
