// HTTP sub-observations (§2.5) from `requests` (OONI lists the last redirect hop first).
import { lazyStringAt } from '../lazy-json/lazy-string.ts';
import { parseAddress, urlHostname } from './address.ts';
import { normaliseFailure } from './failure.ts';
import { arr, bool, int, num, obj, str } from './json.ts';
import type { ObservationCrypto } from './crypto.ts';
import type { HttpColumns } from './types.ts';

export interface HttpObservation {
  cols: HttpColumns;
  hostname: string;
  ip: string | null;
  port: number | null;
  transactionId: number | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** A body or header value: a string (UTF-8) or `{"format":"base64","data":…}`; null otherwise. */
export function bodyBytes(v: unknown): Uint8Array | null {
  if (typeof v === 'string') return encoder.encode(v);
  const o = obj(v);
  if (o && o.format === 'base64' && typeof o.data === 'string') return base64Bytes(o.data);
  return null;
}

/** bodyBytes(v).length without making the bytes of a string; null where bodyBytes is null. */
function bodyLength(v: unknown): number | null {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  const bytes = bodyBytes(v);
  return bytes ? bytes.length : null;
}

export function base64Bytes(data: string): Uint8Array | null {
  try {
    const bin = atob(data.replace(/[\r\n\s]/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function headerText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  const bytes = bodyBytes(v);
  return bytes ? decoder.decode(bytes) : null;
}

/**
 * `key` is the header `name` (lower case) in any case. The length is compared first: lower-casing
 * every header name of a response makes a new string each, three lookups per request. (Only `İ`
 * lengthens when lower-cased, into a non-ASCII pair, so no other length can lower to an ASCII name.)
 */
const isHeader = (key: string, name: string): boolean => key.length === name.length && key.toLowerCase() === name;

/** The first header called `name` (lower case), from `headers_list` or else the `headers` map. */
function firstHeader(response: Record<string, unknown>, name: string): string | null {
  const list = response.headers_list;
  if (Array.isArray(list)) {
    for (const pair of list) {
      if (Array.isArray(pair) && typeof pair[0] === 'string' && isHeader(pair[0], name)) return headerText(pair[1]);
    }
    return null;
  }
  const headers = obj(response.headers);
  if (headers) {
    for (const key of Object.keys(headers)) if (isHeader(key, name)) return headerText(headers[key]);
  }
  return null;
}

export function httpObservations(requests: unknown, crypto: ObservationCrypto): HttpObservation[] {
  const list = arr(requests);
  const out: HttpObservation[] = [];
  for (let idx = 0; idx < list.length; idx++) {
    const tx = obj(list[idx]);
    const request = tx ? obj(tx.request) : null;
    // no request: upstream cannot tell what it refers to and drops it
    if (!tx || !request) continue;
    let network = str(tx.network) || str(request.x_transport) || 'tcp';
    if (network === 'quic') network = 'udp';
    const url = str(request.url) ?? '';
    const requestBodyLength = bodyLength(request.body);
    const t = num(tx.t);
    const t0 = num(tx.t0);
    const cols: HttpColumns = {
      http_request_url: url,
      http_network: network,
      http_alpn: str(tx.alpn),
      http_failure: normaliseFailure(tx.failure),
      http_request_body_length: requestBodyLength ?? 0,
      http_request_method: str(request.method) || '',
      http_runtime: t !== null && t0 !== null ? t - t0 : null,
      http_response_body_length: null,
      http_response_body_is_truncated: null,
      http_response_body_sha1: null,
      http_response_status_code: null,
      http_response_header_location: null,
      http_response_header_server: null,
      http_request_redirect_from: null,
      http_request_body_is_truncated: bool(request.body_is_truncated),
      http_t: t,
    };
    let ip: string | null = null;
    let port: number | null = null;
    const address = str(tx.address);
    if (address) ({ host: ip, port } = parseAddress(address));
    const response = obj(tx.response);
    if (response) {
      cols.http_response_body_is_truncated = bool(response.body_is_truncated);
      // a long body left undecoded by the lazy parse: its UTF-8 bytes directly (what encode gives);
      // a text body is measured and hashed as its UTF-8 bytes without being encoded first
      const lazy = lazyStringAt(response, 'body')?.utf8();
      const text = lazy ? undefined : response.body;
      const body = lazy ?? (typeof text === 'string' ? text : bodyBytes(text));
      const length = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body ? body.length : 0;
      if (body !== null && length > 0) {
        cols.http_response_body_length = length;
        cols.http_response_body_sha1 = crypto.sha1Hex(body);
      }
      cols.http_response_status_code = int(response.code);
      cols.http_response_header_location = firstHeader(response, 'location');
      cols.http_response_header_server = firstHeader(response, 'server');
    }
    // the next element is the previous hop: it redirected here when its location is our URL
    const prev = obj(list[idx + 1]);
    const prevResponse = prev ? obj(prev.response) : null;
    const prevRequest = prev ? obj(prev.request) : null;
    if (prevResponse && prevRequest && firstHeader(prevResponse, 'location') === url) cols.http_request_redirect_from = str(prevRequest.url);
    out.push({ cols, hostname: urlHostname(url) ?? '', ip, port, transactionId: int(tx.transaction_id) });
  }
  return out;
}
