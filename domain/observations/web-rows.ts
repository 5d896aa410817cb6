// Row assembly (§2.6, upstream `consume_web_observations` / `make_web_observation`): link DNS,
// TCP, TLS and HTTP sub-observations by transaction id, else by IP, and emit one obs_web row each.
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

/**
 * Sub-observations not linked to a row yet, in their order. A taken item is flagged, not spliced
 * out: splicing shifts the rest of the list and allocates an array on every link.
 */
class Pool<T extends Linkable> {
  private readonly taken: boolean[];

  constructor(private readonly items: readonly T[]) {
    this.taken = items.map(() => false);
  }

  /** Transaction id first (when truthy), then IP; the found item leaves the pool. */
  take(transactionId: number | null, ip: string | null): T | null {
    let i = transactionId ? this.indexOf((o) => o.transactionId === transactionId) : -1;
    if (i < 0 && ip) i = this.indexOf((o) => o.ip === ip);
    if (i < 0) return null;
    this.taken[i] = true;
    return this.items[i]!;
  }

  /** The items left, in order; the pool is empty afterwards. */
  rest(): T[] {
    const left = this.items.filter((_, i) => !this.taken[i]);
    this.taken.fill(true);
    return left;
  }

  private indexOf(matches: (o: T) => boolean): number {
    for (let i = 0; i < this.items.length; i++) if (!this.taken[i] && matches(this.items[i]!)) return i;
    return -1;
  }
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
  const meta = t.meta;
  const probe = t.probe;
  const d = dns ? dns.cols : NO_DNS;
  const c = tcp ? tcp.cols : NO_TCP;
  const s = tls ? tls.cols : NO_TLS;
  const h = http ? http.cols : NO_HTTP;
  // one literal naming every column: V8 builds it with a fixed shape, where spreading ~110
  // properties from several objects is two orders of magnitude slower
  return {
    measurement_uid: meta.measurement_uid,
    input: meta.input,
    report_id: meta.report_id,
    ooni_run_link_id: meta.ooni_run_link_id,
    measurement_start_time: meta.measurement_start_time,
    software_name: meta.software_name,
    software_version: meta.software_version,
    test_name: meta.test_name,
    test_version: meta.test_version,
    bucket_date: meta.bucket_date,
    probe_asn: probe.probe_asn,
    probe_cc: probe.probe_cc,
    probe_as_org_name: probe.probe_as_org_name,
    probe_as_cc: probe.probe_as_cc,
    probe_as_name: probe.probe_as_name,
    network_type: probe.network_type,
    platform: probe.platform,
    origin: probe.origin,
    engine_name: probe.engine_name,
    engine_version: probe.engine_version,
    architecture: probe.architecture,
    resolver_ip: probe.resolver_ip,
    resolver_asn: probe.resolver_asn,
    resolver_cc: probe.resolver_cc,
    resolver_as_org_name: probe.resolver_as_org_name,
    resolver_as_cc: probe.resolver_as_cc,
    resolver_is_scrubbed: probe.resolver_is_scrubbed,
    resolver_asn_probe: probe.resolver_asn_probe,
    resolver_as_org_name_probe: probe.resolver_as_org_name_probe,
    probe_id: probe.probe_id,
    transformer_version: t.provenance.transformer_version,
    enrichment_version: t.provenance.enrichment_version,
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
    ip_is_bogon: info ? info.bogon : null,
    dns_query_type: d.dns_query_type,
    dns_failure: d.dns_failure,
    dns_engine: d.dns_engine,
    dns_engine_resolver_address: d.dns_engine_resolver_address,
    dns_answer_type: d.dns_answer_type,
    dns_answer: d.dns_answer,
    dns_answer_asn: d.dns_answer_asn,
    dns_answer_as_org_name: d.dns_answer_as_org_name,
    dns_t: d.dns_t,
    tcp_failure: c.tcp_failure,
    tcp_success: c.tcp_success,
    tcp_t: c.tcp_t,
    tls_failure: s.tls_failure,
    tls_server_name: s.tls_server_name,
    tls_outer_server_name: s.tls_outer_server_name,
    tls_echconfig: s.tls_echconfig,
    tls_version: s.tls_version,
    tls_cipher_suite: s.tls_cipher_suite,
    tls_is_certificate_valid: s.tls_is_certificate_valid,
    tls_end_entity_certificate_fingerprint: s.tls_end_entity_certificate_fingerprint,
    tls_end_entity_certificate_subject: s.tls_end_entity_certificate_subject,
    tls_end_entity_certificate_subject_common_name: s.tls_end_entity_certificate_subject_common_name,
    tls_end_entity_certificate_issuer: s.tls_end_entity_certificate_issuer,
    tls_end_entity_certificate_issuer_common_name: s.tls_end_entity_certificate_issuer_common_name,
    tls_end_entity_certificate_san_list: s.tls_end_entity_certificate_san_list,
    tls_end_entity_certificate_not_valid_after: s.tls_end_entity_certificate_not_valid_after,
    tls_end_entity_certificate_not_valid_before: s.tls_end_entity_certificate_not_valid_before,
    tls_certificate_chain_length: s.tls_certificate_chain_length,
    tls_certificate_chain_fingerprints: s.tls_certificate_chain_fingerprints,
    tls_handshake_read_count: s.tls_handshake_read_count,
    tls_handshake_write_count: s.tls_handshake_write_count,
    tls_handshake_read_bytes: s.tls_handshake_read_bytes,
    tls_handshake_write_bytes: s.tls_handshake_write_bytes,
    tls_handshake_last_operation: s.tls_handshake_last_operation,
    tls_handshake_time: s.tls_handshake_time,
    tls_t: s.tls_t,
    http_request_url: h.http_request_url,
    http_network: h.http_network,
    http_alpn: h.http_alpn,
    http_failure: h.http_failure,
    http_request_body_length: h.http_request_body_length,
    http_request_method: h.http_request_method,
    http_runtime: h.http_runtime,
    http_response_body_length: h.http_response_body_length,
    http_response_body_is_truncated: h.http_response_body_is_truncated,
    http_response_body_sha1: h.http_response_body_sha1,
    http_response_status_code: h.http_response_status_code,
    http_response_header_location: h.http_response_header_location,
    http_response_header_server: h.http_response_header_server,
    http_request_redirect_from: h.http_request_redirect_from,
    http_request_body_is_truncated: h.http_request_body_is_truncated,
    http_t: h.http_t,
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
  const tcps = new Pool(tcpPool);
  const tlss = new Pool(tlsPool);
  const https = new Pool(httpPool);
  for (const dns of dnsObs) {
    const tcp = tcps.take(dns.transactionId, dns.answer);
    const tls = tlss.take(dns.transactionId, dns.answer);
    const http = https.take(dns.transactionId, dns.answer);
    rows.push(makeRow(t, opts, dns, tcp, tls, http));
  }
  for (const tcp of tcps.rest()) {
    const tls = tlss.take(tcp.transactionId, tcp.ip);
    const http = https.take(tcp.transactionId, tcp.ip);
    rows.push(makeRow(t, opts, null, tcp, tls, http));
  }
  for (const tls of tlss.rest()) {
    const http = https.take(tls.transactionId, tls.ip);
    rows.push(makeRow(t, opts, null, null, tls, http));
  }
  for (const http of https.rest()) rows.push(makeRow(t, opts, null, null, null, http));
  tcpPool.length = tlsPool.length = httpPool.length = 0;
  const hints = opts.hostnameHints;
  if (hints && hints.size > 0) {
    for (const row of rows) if (!row.hostname && row.ip) row.hostname = hints.get(row.ip) ?? null;
  }
  return rows;
}
