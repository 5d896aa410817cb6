// urllib.parse.urlparse(url).netloc (CPython 3.12 urlsplit rules, including its ValueErrors).
import { isIP } from 'node:net';
import { PyError } from './errors.ts';

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+\-.]*$/;

export function netloc(input: string): string {
  // WHATWG cleanup done by urlsplit before parsing
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) url = url.slice(colon + 1);
  if (!url.startsWith('//')) return '';
  let end = url.length;
  for (const c of '/?#') {
    const i = url.indexOf(c, 2);
    if (i >= 0 && i < end) end = i;
  }
  const loc = url.slice(2, end);
  const open = loc.includes('[');
  const close = loc.includes(']');
  if (open !== close) throw new PyError('ValueError', 'Invalid IPv6 URL');
  if (open) checkBracketedNetloc(loc);
  checkNfkc(loc);
  return loc;
}

function checkBracketedNetloc(loc: string): void {
  const hostPort = loc.slice(loc.lastIndexOf('@') + 1);
  const br = hostPort.indexOf('[');
  let host: string;
  if (br >= 0) {
    if (br > 0) throw new PyError('ValueError', 'Invalid IPv6 URL');
    const rest = hostPort.slice(br + 1);
    const cb = rest.indexOf(']');
    host = cb >= 0 ? rest.slice(0, cb) : rest;
    const port = cb >= 0 ? rest.slice(cb + 1) : '';
    if (port && !port.startsWith(':')) throw new PyError('ValueError', 'Invalid IPv6 URL');
  } else {
    const cb = hostPort.indexOf(']');
    host = cb >= 0 ? hostPort.slice(0, cb) : hostPort;
  }
  if (host.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\..+$/s.test(host)) throw new PyError('ValueError', 'IPvFuture address is invalid');
  } else if (isIP(host.split('%')[0] ?? '') !== 6) {
    throw new PyError('ValueError', `'${host}' does not appear to be an IPv6 address`);
  }
}

// Characters such as U+2100 expand to '/' under NFKC; urlsplit rejects those netlocs.
function checkNfkc(loc: string): void {
  if (!/[^\x00-\x7f]/.test(loc)) return;
  const n = loc.replace(/[@:#?]/g, '');
  const norm = n.normalize('NFKC');
  if (n === norm) return;
  if (/[/?#@:]/.test(norm)) throw new PyError('ValueError', `netloc '${loc}' contains invalid characters under NFKC normalization`);
}
