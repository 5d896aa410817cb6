// Fingerprint matching on DNS answers and HTTP responses, with the original's quirks:
// pattern_type is ignored for bodies (always substring), headers match only `full` and `prefix`,
// DNS answers match by exact equality.
import { lazyStringAt } from '../../../domain/lazy-json/lazy-string.ts';
import { b64decode } from '../py/base64.ts';
import { PyError } from '../py/errors.ts';
import { contains, get, gOr, isDict, item, iter, truthy } from '../py/values.ts';
import type { Dict } from '../py/values.ts';
import type { Fingerprint, Fingerprints } from './types.ts';

const latin1 = new TextDecoder('latin1');

/** match_http_body_fingerprints */
export function matchBody(fps: Fingerprints, resp: unknown, matches: Fingerprint[]): void {
  // a long text body left undecoded by the parse is matched on its UTF-8 bytes (same result)
  const lazy = lazyStringAt(resp, 'body');
  const bytes = lazy && fps.body.length > 0 ? lazy.utf8() : null;
  if (bytes) {
    for (const i of fps.bodyMatcher.match(bytes)) matches.push(fps.body[i]!);
    return;
  }
  let body: unknown = get(resp, 'body');
  if (isDict(body)) {
    if (!(Object.hasOwn(body, 'data') && get(body, 'format', '') === 'base64')) return;
    body = b64decode(body.data);
  }
  if (body === null || fps.body.length === 0) return;
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new PyError('AttributeError', "object has no attribute 'find'");
  }
  for (const i of fps.bodyMatcher.match(body)) matches.push(fps.body[i]!);
}

/**
 * match_http_headers_fingerprints. The original walks every header fingerprint in list order; by
 * header name gives the same matches (re-sorted to list order) and raises at the same place: a
 * base64 header value is decoded at its name's first prefix fingerprint, names in that order.
 */
export function matchHeaders(fps: Fingerprints, resp: unknown, matches: Fingerprint[]): void {
  const raw = gOr(resp, 'headers', {});
  if (!truthy(raw)) return;
  if (!isDict(raw)) throw new PyError('AttributeError', "object has no attribute 'items'");
  const headers = new Map<string, unknown>();
  for (const k of Object.keys(raw)) headers.set(k.toLowerCase(), raw[k]);
  const hits: number[] = [];
  for (const g of fps.headerGroups) {
    if (!headers.has(g.name)) continue;
    const v = headers.get(g.name);
    if (typeof v === 'string') {
      const full = g.full.get(v);
      if (full) hits.push(...full);
    }
    if (g.prefixByHead.size === 0) continue;
    const text = isDict(v) && get(v, 'format') === 'base64' ? latin1.decode(b64decode(get(v, 'data', ''))) : v;
    if (typeof text !== 'string') continue;
    // text.startsWith(p) needs text's head to be p's head
    for (const i of g.prefixByHead.get(text.slice(0, g.headLength)) ?? []) if (text.startsWith(fps.headers[i]!.pattern)) hits.push(i);
  }
  if (hits.length > 1) hits.sort((a, b) => a - b);
  for (const i of hits) matches.push(fps.headers[i]!);
}

/** Value of a DNS answer compared with the patterns: ipv4, else hostname, else ipv6, else "". */
function answerValue(answer: unknown): unknown {
  for (const key of ['ipv4', 'hostname', 'ipv6']) {
    if (contains(answer, key)) return item(answer, key);
  }
  return '';
}

/** match_fingerprints (web_connectivity): DNS matches first, then per request body and headers. */
export function matchFingerprints(fps: Fingerprints, msm: Dict): Fingerprint[] {
  item(msm, 'probe_cc');
  const tk = get(msm, 'test_keys');
  if (tk === null) return [];
  const matches: Fingerprint[] = [];
  for (const q of iter(gOr(tk, 'queries', []))) {
    for (const answer of iter(gOr(q, 'answers', []))) {
      if (fps.dns.length === 0) continue;
      const addr = answerValue(answer);
      if (typeof addr !== 'string') continue;
      const hits = fps.dnsByPattern.get(addr);
      if (hits) matches.push(...hits);
    }
  }
  for (const req of iter(gOr(tk, 'requests', []))) {
    const resp = get(req, 'response');
    if (resp === null) continue;
    matchBody(fps, resp, matches);
    matchHeaders(fps, resp, matches);
  }
  return matches;
}
