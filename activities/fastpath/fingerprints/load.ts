// Fingerprint loaders: pure functions from file text to the prepared structure.
import { createHash } from 'node:crypto';
import { parseCsv } from '../../../domain/csv.ts';
import { BodyMatcher } from './body-matcher.ts';
import { compareStr, strip } from '../py/values.ts';
import type { Fingerprint, FingerprintRecord, Fingerprints, HeaderGroup } from './types.ts';

// Column order of the original's `SELECT ... FROM fingerprints_{dns,http}`; it fixes the key order
// of the records written into scores.fingerprints.
const COLUMNS = ['name', 'scope', 'other_names', 'location_found', 'pattern_type', 'pattern', 'confidence_no_fp', 'expected_countries'];
const MINI_FIELDS = new Set(['name', 'scope', 'location_found', 'confidence_no_fp', 'expected_countries']);
// Enum values of the ClickHouse tables the updater fills; other values fail the update.
const SCOPES = new Set(['nat', 'isp', 'prod', 'inst', 'vbw', 'fp', 'injb', 'prov']);
const PATTERN_TYPES = new Set(['full', 'prefix', 'contains', 'regexp']);

export interface FingerprintTexts {
  dns: string;
  http: string;
}

/** extract_expected_countries: trim, split on ",", upper-case, drop "" and "ZZ", sort, dedupe. */
export function extractExpectedCountries(ec: string): string[] {
  const set = new Set(strip(ec).split(',').map((c) => c.toUpperCase()));
  set.delete('');
  set.delete('ZZ');
  return [...set].sort(compareStr);
}

function prepare(raw: Record<string, unknown>, where: string): Fingerprint {
  const need = (k: string): string => {
    const v = raw[k];
    if (typeof v !== 'string') throw new Error(`${where}: field ${k} must be a string`);
    return v;
  };
  const scope = need('scope');
  const patternType = need('pattern_type');
  const pattern = need('pattern');
  if (!SCOPES.has(scope)) throw new Error(`${where}: unknown scope '${scope}'`);
  if (!PATTERN_TYPES.has(patternType)) throw new Error(`${where}: unknown pattern_type '${patternType}'`);
  if (!(pattern as unknown as { isWellFormed(): boolean }).isWellFormed()) throw new Error(`${where}: pattern is not valid Unicode`);
  if (typeof raw.confidence_no_fp !== 'number' || !Number.isInteger(raw.confidence_no_fp)) {
    throw new Error(`${where}: confidence_no_fp must be an integer`);
  }
  const expectedCountries = extractExpectedCountries(need('expected_countries'));
  const full: Record<string, unknown> = {};
  const mini: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) {
    full[k] = k === 'expected_countries' ? expectedCountries : raw[k];
    if (MINI_FIELDS.has(k)) mini[k] = full[k];
  }
  return {
    name: need('name'),
    scope,
    locationFound: need('location_found'),
    patternType,
    pattern,
    expectedCountries,
    full: Object.freeze(full) as FingerprintRecord,
    mini: Object.freeze(mini) as FingerprintRecord,
  };
}

/** Header fingerprints by name; other pattern types never match headers and are left out. */
function groupHeaders(headers: readonly Fingerprint[]): HeaderGroup[] {
  const groups = new Map<string, { full: Map<string, number[]>; prefix: number[] }>();
  headers.forEach((fp, i) => {
    const name = fp.locationFound.slice('header.'.length);
    let g = groups.get(name);
    if (!g) {
      g = { full: new Map(), prefix: [] };
      groups.set(name, g);
    }
    if (fp.patternType === 'full') g.full.set(fp.pattern, [...(g.full.get(fp.pattern) ?? []), i]);
    else if (fp.patternType === 'prefix') g.prefix.push(i);
  });
  const result = [...groups].map(([name, { full, prefix }]): HeaderGroup => {
    const headLength = Math.min(16, ...prefix.map((i) => headers[i]!.pattern.length));
    const prefixByHead = new Map<string, number[]>();
    for (const i of prefix) {
      const head = headers[i]!.pattern.slice(0, headLength);
      prefixByHead.set(head, [...(prefixByHead.get(head) ?? []), i]);
    }
    return { name, full, firstPrefix: prefix[0] ?? Infinity, headLength, prefixByHead };
  });
  // the original decodes a base64 header (and may raise) at its name's first prefix fingerprint
  return result.sort((a, b) => Math.sign(a.firstPrefix - b.firstPrefix) || 0);
}

function build(dns: Fingerprint[], http: Fingerprint[], version: string): Fingerprints {
  const dnsByPattern = new Map<string, Fingerprint[]>();
  for (const fp of dns) {
    const list = dnsByPattern.get(fp.pattern) ?? [];
    list.push(fp);
    dnsByPattern.set(fp.pattern, list);
  }
  const body = http.filter((fp) => fp.locationFound === 'body');
  const headers = http.filter((fp) => fp.locationFound.startsWith('header.'));
  return {
    version,
    dns,
    http,
    dnsByPattern,
    body,
    headers,
    headerGroups: groupHeaders(headers),
    bodyMatcher: new BodyMatcher(body.map((fp) => fp.pattern)),
  };
}

function versionOf(texts: FingerprintTexts): string {
  return createHash('sha256').update(texts.dns).update('\0').update(texts.http).digest('hex').slice(0, 12);
}

function csvRecords(text: string, file: string): Record<string, unknown>[] {
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = rows.shift();
  if (!header) throw new Error(`${file}: empty file`);
  for (const c of COLUMNS) if (!header.includes(c)) throw new Error(`${file}: missing column ${c}`);
  return rows.map((r, i) => {
    if (r.length !== header.length) throw new Error(`${file} row ${i + 2}: ${r.length} fields, header has ${header.length}`);
    const rec: Record<string, unknown> = {};
    for (const c of COLUMNS) rec[c] = r[header.indexOf(c)];
    const conf = String(rec.confidence_no_fp).trim();
    if (!/^[0-9]+$/.test(conf) || Number(conf) > 255) throw new Error(`${file} row ${i + 2}: bad confidence_no_fp`);
    rec.confidence_no_fp = Number(conf);
    return rec;
  });
}

/** The canonical lists of ooni/blocking-fingerprints (fingerprints_dns.csv, fingerprints_http.csv). */
export function loadFingerprintsFromCsv(texts: FingerprintTexts): Fingerprints {
  const dns = csvRecords(texts.dns, 'fingerprints_dns.csv').map((r, i) => prepare(r, `fingerprints_dns.csv row ${i + 2}`));
  const http = csvRecords(texts.http, 'fingerprints_http.csv').map((r, i) => prepare(r, `fingerprints_http.csv row ${i + 2}`));
  return build(dns, http, versionOf(texts));
}

function jsonRecords(text: string, file: string): Record<string, unknown>[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error(`${file}: expected a list of fingerprint objects`);
  return data.map((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new Error(`${file}[${i}]: not an object`);
    return r as Record<string, unknown>;
  });
}

/** The JSON snapshot format (list of objects with the 8 columns, expected_countries a string). */
export function loadFingerprintsFromJson(texts: FingerprintTexts): Fingerprints {
  const dns = jsonRecords(texts.dns, 'fingerprints_dns.json').map((r, i) => prepare(r, `fingerprints_dns.json[${i}]`));
  const http = jsonRecords(texts.http, 'fingerprints_http.json').map((r, i) => prepare(r, `fingerprints_http.json[${i}]`));
  return build(dns, http, versionOf(texts));
}
