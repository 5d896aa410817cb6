// obs_web_ctrl rows (§4.1): what the web_connectivity test helper saw for the input's hostname.
// Failures are the helper's own strings (not normalised). Fixes of upstream bugs (§11 #4, #5) are
// listed in docs/v5-data.md.
import { isBogon } from '../enrichment/bogons.ts';
import { parseNetloc, urlHostname } from './address.ts';
import { ipInfo, type Transform } from './context.ts';
import { arr, int, obj, str, type Json } from './json.ts';
import type { ObsWebCtrlRow } from './types.ts';

type CtrlFields = Omit<ObsWebCtrlRow, keyof Transform['meta'] | keyof Transform['provenance'] | 'observation_idx' | 'created_at' | 'hostname'>;

function emptyRow(): CtrlFields {
  return {
    ip: '',
    port: null,
    ip_asn: null,
    ip_as_org_name: null,
    ip_as_cc: null,
    ip_cc: null,
    ip_is_bogon: null,
    dns_failure: null,
    dns_success: null,
    tcp_failure: null,
    tcp_success: null,
    tls_failure: null,
    tls_success: null,
    tls_server_name: null,
    http_request_url: null,
    http_failure: null,
    http_success: null,
    http_response_body_length: null,
  };
}

function enrich(t: Transform, row: CtrlFields): void {
  row.ip_is_bogon = isBogon(row.ip);
  const info = ipInfo(t, row.ip);
  row.ip_cc = info.cc;
  row.ip_asn = info.asn;
  row.ip_as_org_name = info.asOrgName;
  row.ip_as_cc = info.asCc;
}

/** A failure as the helper wrote it: null when absent (so "success" = no failure). */
function failureOf(res: Json): string | null {
  const f = res.failure;
  if (f === undefined || f === null) return null;
  return typeof f === 'string' ? f : String(f);
}

/** The control's DNS answers (for the hostname hints of the probe's rows too). */
export function controlDnsAddrs(testKeys: Json): string[] {
  const control = obj(testKeys.control);
  const dns = control ? obj(control.dns) : null;
  return dns ? arr(dns.addrs).filter((a): a is string => typeof a === 'string') : [];
}

export function ctrlRows(t: Transform, testKeys: Json): ObsWebCtrlRow[] {
  const control = obj(testKeys.control);
  const input = t.meta.input;
  if (testKeys.control_failure || !control || typeof input !== 'string') return [];
  const hostname = urlHostname(input);
  if (!hostname) return [];

  const rows: CtrlFields[] = [];
  const dns = obj(control.dns);
  if (dns && dns.failure) {
    const row = emptyRow();
    row.dns_failure = failureOf(dns);
    rows.push(row);
  }
  const dnsIps = new Set(controlDnsAddrs(testKeys));

  const byAddr = new Map<string, CtrlFields>();
  const tcpConnect = obj(control.tcp_connect) ?? {};
  for (const [addr, value] of Object.entries(tcpConnect)) {
    const { host, port } = parseNetloc(addr);
    if (!host) continue;
    const res = obj(value) ?? {};
    const row = emptyRow();
    row.ip = host;
    row.port = port;
    row.tcp_failure = failureOf(res);
    row.tcp_success = row.tcp_failure === null;
    byAddr.set(addr, row);
  }
  const tlsHandshake = obj(control.tls_handshake) ?? {};
  for (const [addr, value] of Object.entries(tlsHandshake)) {
    let row = byAddr.get(addr);
    if (!row) {
      const { host, port } = parseNetloc(addr);
      if (!host) continue;
      // upstream names such a row after the address and leaves its ip empty, then aborts (§11 #4)
      row = emptyRow();
      row.ip = host;
      row.port = port;
      byAddr.set(addr, row);
    }
    const res = obj(value) ?? {};
    row.tls_failure = failureOf(res);
    row.tls_server_name = str(res.server_name);
    row.tls_success = row.tls_failure === null;
  }
  const mapped = new Set<string>();
  for (const row of byAddr.values()) {
    enrich(t, row);
    if (dnsIps.has(row.ip)) {
      row.dns_success = true;
      mapped.add(row.ip);
    }
    rows.push(row);
  }
  // upstream: set iteration order and no enrichment (§11 #5); here sorted and enriched
  for (const ip of [...dnsIps].filter((ip) => !mapped.has(ip)).sort()) {
    const row = emptyRow();
    row.ip = ip;
    row.dns_success = true;
    enrich(t, row);
    rows.push(row);
  }
  const http = obj(control.http_request);
  if (http) {
    const row = emptyRow();
    row.http_request_url = input;
    row.http_failure = failureOf(http);
    row.http_success = row.http_failure === null;
    row.http_response_body_length = int(http.body_length);
    rows.push(row);
  }
  return rows.map((row, idx) => ({ ...t.meta, ...t.provenance, hostname, observation_idx: idx, created_at: t.createdAt, ...row }));
}
