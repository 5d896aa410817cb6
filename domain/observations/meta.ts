// Measurement meta (§2.2) and probe meta (§2.3, resolver fields §3.4) of one measurement.
import { lookupAsn, type IpDatabase } from '../enrichment/lookup.ts';
import { enrichIp, enrichmentMemo } from '../enrichment/memo.ts';
import { obj, str, type Json } from './json.ts';
import type { MeasurementMetaColumns, ProbeMetaColumns } from './types.ts';

const START_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `%Y-%m-%d %H:%M:%S` (UTC) → epoch ms, or null when it is not a real time. */
export function parseStartTime(text: string): number | null {
  const m = START_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
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

export function probeMeta(m: Json, probeAsn: number, db: IpDatabase): ProbeMetaColumns {
  const annotations = obj(m.annotations) ?? {};
  const testKeys = obj(m.test_keys);
  const asInfo = lookupAsn(db, probeAsn);
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
