// Address and URL parsing with the semantics of Python's urllib (`urlsplit("//" + addr)`,
// `urlparse(url).hostname`), which upstream uses: lower-cased host, brackets stripped.
import { isIP } from 'node:net';

/** `fix_address`: the probe's scrubbed IP `[scrubbed]` becomes `scrubbed` so the address parses. */
export function fixAddress(address: string): string {
  return address.includes('[scrubbed]') ? address.replaceAll('[scrubbed]', 'scrubbed') : address;
}

export function isIpLiteral(s: string): boolean {
  return isIP(s) !== 0;
}

export interface HostPort {
  host: string | null;
  port: number | null;
}

/** Host and port of a netloc (`user@host:port`, `[v6]:port`); null where urllib gives None. */
export function parseNetloc(netloc: string): HostPort {
  const at = netloc.lastIndexOf('@');
  const hostinfo = at >= 0 ? netloc.slice(at + 1) : netloc;
  let host: string;
  let portText: string;
  const open = hostinfo.indexOf('[');
  if (open >= 0) {
    const close = hostinfo.indexOf(']', open);
    host = close >= 0 ? hostinfo.slice(open + 1, close) : hostinfo.slice(open + 1);
    const rest = close >= 0 ? hostinfo.slice(close + 1) : '';
    const colon = rest.indexOf(':');
    portText = colon >= 0 ? rest.slice(colon + 1) : '';
  } else {
    const colon = hostinfo.indexOf(':');
    host = colon >= 0 ? hostinfo.slice(0, colon) : hostinfo;
    portText = colon >= 0 ? hostinfo.slice(colon + 1) : '';
  }
  let port: number | null = null;
  if (portText !== '' && /^\d+$/.test(portText)) {
    const p = Number(portText);
    // urllib raises on ports outside 0–65535; we read them as absent
    if (p <= 65535) port = p;
  }
  return { host: host === '' ? null : host.toLowerCase(), port };
}

/** `urlsplit("//" + address)` after `fix_address`. */
export function parseAddress(address: string): HostPort {
  return parseNetloc(fixAddress(address));
}

/** `urlparse(url).hostname`: the netloc follows `//` and ends at the first `/`, `?` or `#`. */
export function urlHostname(url: string): string | null {
  const scheme = url.indexOf('//');
  if (scheme < 0) return null;
  // urllib only takes a netloc when `//` starts the text or follows `scheme:`
  if (scheme > 0 && url[scheme - 1] !== ':') return null;
  let end = url.length;
  for (let i = scheme + 2; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  return parseNetloc(url.slice(scheme + 2, end)).host;
}
