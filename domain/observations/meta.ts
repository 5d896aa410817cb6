// Measurement meta (§2.2) and probe meta (§2.3, resolver fields §3.4) of one measurement.
import { lookupAsn, type IpDatabase } from '../enrichment/lookup.ts';
import { enrichIp, enrichmentMemo } from '../enrichment/memo.ts';
import { obj, str, type Json } from './json.ts';
import type { MeasurementMetaColumns, ProbeMetaColumns } from './types.ts';

/** Two ASCII digits at `i` as a number, or -1. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Epoch ms of the UTC midnight of a `YYYY-MM-DD` that exists (Date.UTC's reading), else null; per day text, remembered. */
const days = new Map<string, number | null>();
function dayStart(day: string): number | null {
  let ms = days.get(day);
  if (ms === undefined) {
    const y = Number(day.slice(0, 4));
    const mo = Number(day.slice(5, 7));
    const d = Number(day.slice(8, 10));
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    ms = back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : null;
    if (days.size >= 10_000) days.clear();
    days.set(day, ms);
  }
  return ms;
}

/** `%Y-%m-%d %H:%M:%S` (UTC) → epoch ms, or null when it is not a real time. */
export function parseStartTime(text: string): number | null {
  // the shape `dddd-dd-dd dd:dd:dd`, ASCII digits only
  if (text.length !== 19 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') return null;
  if (two(text, 0) < 0 || two(text, 2) < 0 || two(text, 5) < 0 || two(text, 8) < 0) return null;
  const h = two(text, 11);
  const mi = two(text, 14);
  const s = two(text, 17);
  if (h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 59) return null;
  const day = dayStart(text.slice(0, 10));
  return day === null ? null : day + h * 3_600_000 + mi * 60_000 + s * 1000;
}

/** `ASnnn` → nnn (upstream: `int(probe_asn[2:])`); null when it is not that shape. */
export function parseAsn(v: unknown): number | null {
  if (typeof v !== 'string' || !v.startsWith('AS')) return null;
  const digits = v.slice(2);
  if (digits === '' || digits.length > 10 || !/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  return n <= 2147483647 ? n : null;
}

export function measurementMeta(m: Json, measurementUid: string, startTime: string, bucketDate: string): MeasurementMetaColumns {
  const rawInput = m.input;
  const input = typeof rawInput === 'string' ? rawInput : Array.isArray(rawInput) ? rawInput.map(String).join(':') : null;
  const annotations = obj(m.annotations) ?? {};
  const runLink = annotations.ooni_run_link_id;
  return {
    measurement_uid: measurementUid,
    input,
    report_id: str(m.report_id) ?? '',
    ooni_run_link_id: runLink === undefined || runLink === null ? '' : String(runLink),
    measurement_start_time: startTime,
    software_name: str(m.software_name) ?? '',
    software_version: str(m.software_version) ?? '',
    test_name: str(m.test_name) ?? '',
    test_version: str(m.test_version) ?? '',
    bucket_date: bucketDate,
  };
}

function annotation(a: Json, key: string): string {
  const v = a[key];
  return typeof v === 'string' ? v : 'unknown';
}

/** `day`: the measurement's start day (`YYYY-MM-DD`), the day of the probe AS metadata (upstream `lookup_asn(measurement_start_time, …)`). */
export function probeMeta(m: Json, probeAsn: number, db: IpDatabase, day: string): ProbeMetaColumns {
  const annotations = obj(m.annotations) ?? {};
  const testKeys = obj(m.test_keys);
  const asInfo = lookupAsn(db, probeAsn, day);
  const topResolver = str(m.resolver_ip);
  const clientResolver = testKeys ? str(testKeys.client_resolver) : null;
  const resolverIsScrubbed = clientResolver === '[scrubbed]' || topResolver === '[scrubbed]';
  let resolverIp = topResolver || clientResolver || '';
  const resolverAsnProbe = parseAsn(m.resolver_asn) ?? 0;
  const resolverOrgProbe = str(m.resolver_network_name) ?? '';
  let resolverCc = '';
  let resolverAsn = 0;
  let resolverOrg = '';
  let resolverAsCc = '';
  if (resolverIp === '[scrubbed]') {
    resolverAsn = resolverAsnProbe;
    resolverOrg = resolverOrgProbe;
    resolverIp = '';
  }
  if (resolverIp !== '') {
    const info = enrichIp(db, enrichmentMemo(db), resolverIp);
    resolverCc = info.cc;
    resolverAsn = info.asn;
    resolverOrg = info.asOrgName;
    resolverAsCc = info.asCc;
  }
  return {
    probe_asn: probeAsn,
    probe_cc: str(m.probe_cc) ?? '',
    probe_as_org_name: asInfo.orgName,
    probe_as_cc: asInfo.cc,
    probe_as_name: asInfo.name,
    network_type: annotation(annotations, 'network_type'),
    platform: annotation(annotations, 'platform'),
    origin: annotation(annotations, 'origin'),
    engine_name: annotation(annotations, 'engine_name'),
    engine_version: annotation(annotations, 'engine_version'),
    architecture: annotation(annotations, 'architecture'),
    resolver_ip: resolverIp,
    resolver_asn: resolverAsn,
    resolver_cc: resolverCc,
    resolver_as_org_name: resolverOrg,
    resolver_as_cc: resolverAsCc,
    resolver_is_scrubbed: resolverIsScrubbed,
    resolver_asn_probe: resolverAsnProbe,
    resolver_as_org_name_probe: resolverOrgProbe,
    probe_id: str(m.probe_id) ?? '',
  };
}
