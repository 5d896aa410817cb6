// Row assembly (§2.6, upstream `consume_web_observations` / `make_web_observation`): link DNS,
// TCP, TLS and HTTP sub-observations by transaction id, else by IP, and emit one obs_web row each.
import { isBogon } from '../enrichment/bogons.ts';
import { fixAddress, isIpLiteral } from './address.ts';
import { ipInfo, type Transform } from './context.ts';
import type { DnsObservation } from './dns.ts';
import type { HttpObservation } from './http.ts';
import type { TcpObservation } from './tcp.ts';
import type { TlsObservation } from './tls.ts';
import type { DnsColumns, HttpColumns, ObsWebRow, TcpColumns, TlsColumns } from './types.ts';

const NO_DNS: DnsColumns = {
  dns_query_type: null,
  dns_failure: null,
  dns_engine: null,
  dns_engine_resolver_address: null,
  dns_answer_type: null,
  dns_answer: null,
  dns_answer_asn: null,
  dns_answer_as_org_name: null,
  dns_t: null,
};
const NO_TCP: TcpColumns = { tcp_failure: null, tcp_success: null, tcp_t: null };
const NO_TLS: TlsColumns = {
  tls_failure: null,
  tls_server_name: null,
  tls_outer_server_name: null,
  tls_echconfig: null,
  tls_version: null,
  tls_cipher_suite: null,
  tls_is_certificate_valid: null,
  tls_end_entity_certificate_fingerprint: null,
  tls_end_entity_certificate_subject: null,
  tls_end_entity_certificate_subject_common_name: null,
  tls_end_entity_certificate_issuer: null,
  tls_end_entity_certificate_issuer_common_name: null,
  tls_end_entity_certificate_san_list: [],
  tls_end_entity_certificate_not_valid_after: null,
  tls_end_entity_certificate_not_valid_before: null,
  tls_certificate_chain_length: null,
  tls_certificate_chain_fingerprints: [],
  tls_handshake_read_count: null,
  tls_handshake_write_count: null,
  tls_handshake_read_bytes: null,
  tls_handshake_write_bytes: null,
  tls_handshake_last_operation: null,
  tls_handshake_time: null,
  tls_t: null,
};
const NO_HTTP: HttpColumns = {
  http_request_url: null,
  http_network: null,
  http_alpn: null,
  http_failure: null,
  http_request_body_length: null,
  http_request_method: null,
  http_runtime: null,
  http_response_body_length: null,
  http_response_body_is_truncated: null,
  http_response_body_sha1: null,
  http_response_status_code: null,
  http_response_header_location: null,
  http_response_header_server: null,
  http_request_redirect_from: null,
  http_request_body_is_truncated: null,
  http_t: null,
};

interface Linkable {
  ip: string | null;
  transactionId: number | null;
}

/** Transaction id first (when truthy), then IP; the found item leaves its pool. */
function take<T extends Linkable>(pool: T[], transactionId: number | null, ip: string | null): T | null {
  let i = -1;
  if (transactionId) i = pool.findIndex((o) => o.transactionId === transactionId);
  if (i < 0 && ip) i = pool.findIndex((o) => o.ip === ip);
  if (i < 0) return null;
  return pool.splice(i, 1)[0]!;
}

export interface WebRowOptions {
  targetId?: string | null;
  probeAnalysis?: string | null;
  /** ip → hostname (the control's DNS answers): names rows no DNS answer of the probe names */
  hostnameHints?: ReadonlyMap<string, string>;
}

function makeRow(
  t: Transform,
  opts: WebRowOptions,
  dns: DnsObservation | null,
  tcp: TcpObservation | null,
  tls: TlsObservation | null,
  http: HttpObservation | null,
): ObsWebRow {
  let dnsIp: string | null = null;
  if (dns?.answer) {
    const fixed = fixAddress(dns.answer);
    if (isIpLiteral(fixed)) dnsIp = fixed;
  }
  // Python's `a or b or …`: the first truthy value, else the last one
  const ip = dnsIp || tcp?.ip || tls?.ip || (http ? http.ip : null) || null;
  const port = tcp?.port || tls?.port || (http ? http.port : null) || null;
  const dnsHost = dns ? dns.hostname : null;
  let hostname: string | null = dnsHost ? dnsHost : http ? http.hostname : null;
  if (!hostname && tls && tls.cols.tls_server_name && !isIpLiteral(tls.cols.tls_server_name)) hostname = tls.cols.tls_server_name;
  const transactionId = tcp?.transactionId || tls?.transactionId || http?.transactionId || null;
  const info = ip ? ipInfo(t, ip) : null;
  return {
    ...t.meta,
    ...t.probe,
    ...t.provenance,
    observation_idx: t.nextIdx++,
    created_at: t.createdAt,
    target_id: opts.targetId ?? null,
    hostname,
    transaction_id: transactionId,
    ip,
    port,
    ip_asn: info ? info.asn : null,
    ip_as_org_name: info ? info.asOrgName : null,
    ip_as_cc: info ? info.asCc : null,
    ip_cc: info ? info.cc : null,
    ip_is_bogon: ip ? isBogon(ip) : null,
    ...(dns ? dns.cols : NO_DNS),
    ...(tcp ? tcp.cols : NO_TCP),
    ...(tls ? tls.cols : NO_TLS),
    ...(http ? http.cols : NO_HTTP),
    probe_analysis: opts.probeAnalysis ?? null,
  };
}

/** `consume_web_observations`: the pools are consumed (emptied) by the call. */
export function webRows(
  t: Transform,
  dnsObs: readonly DnsObservation[],
  tcpPool: TcpObservation[],
  tlsPool: TlsObservation[],
  httpPool: HttpObservation[],
  opts: WebRowOptions = {},
): ObsWebRow[] {
  const rows: ObsWebRow[] = [];
  for (const dns of dnsObs) {
    const tcp = take(tcpPool, dns.transactionId, dns.answer);
    const tls = take(tlsPool, dns.transactionId, dns.answer);
    const http = take(httpPool, dns.transactionId, dns.answer);
    rows.push(makeRow(t, opts, dns, tcp, tls, http));
  }
  for (const tcp of tcpPool.splice(0)) {
    const tls = take(tlsPool, tcp.transactionId, tcp.ip);
    const http = take(httpPool, tcp.transactionId, tcp.ip);
    rows.push(makeRow(t, opts, null, tcp, tls, http));
  }
  for (const tls of tlsPool.splice(0)) {
    const http = take(httpPool, tls.transactionId, tls.ip);
    rows.push(makeRow(t, opts, null, null, tls, http));
  }
  for (const http of httpPool.splice(0)) rows.push(makeRow(t, opts, null, null, null, http));
  const hints = opts.hostnameHints;
  if (hints && hints.size > 0) {
    for (const row of rows) if (!row.hostname && row.ip) row.hostname = hints.get(row.ip) ?? null;
  }
  return rows;
}
