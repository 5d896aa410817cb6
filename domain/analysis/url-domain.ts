// ClickHouse `domain(url)` as the analysis groups by it (§5.4): the host exactly as written (no
// lower-casing, no IDNA), after an optional `scheme://` or `//`, without userinfo and port; '' when
// the host has no dot, ends with a dot, or contains a character ClickHouse refuses in a host.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]{0,14}:\/\//;
const RESTRICTED = /[\s<>%{}|\\^~[\];=&!$'()*+,]/;

export function urlDomain(url: string): string {
  let rest = url;
  const scheme = SCHEME.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  else if (rest.startsWith('//')) rest = rest.slice(2);
  const end = rest.search(/[/?#]/);
  let authority = end === -1 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  const colon = authority.indexOf(':');
  const host = colon === -1 ? authority : authority.slice(0, colon);
  if (host === '' || RESTRICTED.test(host) || !host.includes('.') || host.endsWith('.')) return '';
  return host;
}
