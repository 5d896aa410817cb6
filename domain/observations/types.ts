// The v5 observation rows of OONI's pipeline (ooni/data `obs_web`, `obs_web_ctrl`,
// `obs_http_middlebox`), keyed by upstream's column names. Pure data: the transformers in this
// folder make them, drizzle/v5-schema.ts stores them with the same column names.
//
// Conventions: upstream `Nullable(X)` is `X | null`; upstream Int8 booleans are booleans;
// timestamps are UTC strings `YYYY-MM-DD HH:MM:SS.mmm`; `Array(String)` is `string[]`.

/** §2.2: every observation table (obs_web_ctrl has only these besides its own). */
export interface MeasurementMetaColumns {
  measurement_uid: string;
  input: string | null;
  report_id: string;
  ooni_run_link_id: string;
  measurement_start_time: string;
  software_name: string;
  software_version: string;
  test_name: string;
  test_version: string;
  /** the processing bucket: the receive day `YYYY-MM-DD` (or hour `YYYY-MM-DDTHH`) */
  bucket_date: string;
}

/** §2.3: obs_web and obs_http_middlebox. */
export interface ProbeMetaColumns {
  probe_asn: number;
  probe_cc: string;
  probe_as_org_name: string;
  probe_as_cc: string;
  probe_as_name: string;
  network_type: string;
  platform: string;
  origin: string;
  engine_name: string;
  engine_version: string;
  architecture: string;
  resolver_ip: string;
  resolver_asn: number;
  resolver_cc: string;
  resolver_as_org_name: string;
  resolver_as_cc: string;
  resolver_is_scrubbed: boolean;
  resolver_asn_probe: number;
  resolver_as_org_name_probe: string;
  probe_id: string;
}

/** Provenance of every row (issue #13 point 8): which code and data made it. */
export interface ObservationProvenance {
  /** domain/observations/version.ts TRANSFORMER_VERSION */
  transformer_version: string;
  /** IpDatabase.version, or `none` under --no-enrichment */
  enrichment_version: string;
}

export interface DnsColumns {
  dns_query_type: string | null;
  dns_failure: string | null;
  dns_engine: string | null;
  dns_engine_resolver_address: string | null;
  dns_answer_type: string | null;
  dns_answer: string | null;
  dns_answer_asn: number | null;
  dns_answer_as_org_name: string | null;
  dns_t: number | null;
}

export interface TcpColumns {
  tcp_failure: string | null;
  tcp_success: boolean | null;
  tcp_t: number | null;
}

export interface TlsColumns {
  tls_failure: string | null;
  tls_server_name: string | null;
  tls_outer_server_name: string | null;
  tls_echconfig: string | null;
  tls_version: string | null;
  tls_cipher_suite: string | null;
  tls_is_certificate_valid: boolean | null;
  tls_end_entity_certificate_fingerprint: string | null;
  tls_end_entity_certificate_subject: string | null;
  tls_end_entity_certificate_subject_common_name: string | null;
  tls_end_entity_certificate_issuer: string | null;
  tls_end_entity_certificate_issuer_common_name: string | null;
  /** not nullable upstream: empty when there is no certificate */
  tls_end_entity_certificate_san_list: string[];
  tls_end_entity_certificate_not_valid_after: string | null;
  tls_end_entity_certificate_not_valid_before: string | null;
  tls_certificate_chain_length: number | null;
  /** not nullable upstream: empty when there is no chain */
  tls_certificate_chain_fingerprints: string[];
  tls_handshake_read_count: number | null;
  tls_handshake_write_count: number | null;
  tls_handshake_read_bytes: number | null;
  tls_handshake_write_bytes: number | null;
  tls_handshake_last_operation: string | null;
  tls_handshake_time: number | null;
  tls_t: number | null;
}

export interface HttpColumns {
  http_request_url: string | null;
  http_network: string | null;
  http_alpn: string | null;
  http_failure: string | null;
  http_request_body_length: number | null;
  http_request_method: string | null;
  http_runtime: number | null;
  http_response_body_length: number | null;
  http_response_body_is_truncated: boolean | null;
  http_response_body_sha1: string | null;
  http_response_status_code: number | null;
  http_response_header_location: string | null;
  http_response_header_server: string | null;
  http_request_redirect_from: string | null;
  http_request_body_is_truncated: boolean | null;
  http_t: number | null;
}

/** §2.4: one row per measurement × endpoint (× redirect hop). */
export interface ObsWebRow extends MeasurementMetaColumns, ProbeMetaColumns, ObservationProvenance, DnsColumns, TcpColumns, TlsColumns, HttpColumns {
  /** 1-based per measurement (browser_web: 0) */
  observation_idx: number;
  /** deterministic: the measurement's receive time (from its uid), not the wall clock */
  created_at: string | null;
  target_id: string | null;
  hostname: string | null;
  transaction_id: number | null;
  ip: string | null;
  port: number | null;
  ip_asn: number | null;
  ip_as_org_name: string | null;
  ip_as_cc: string | null;
  ip_cc: string | null;
  ip_is_bogon: boolean | null;
  /** web_connectivity `test_keys.blocking`: `false` → "false", null → null */
  probe_analysis: string | null;
}

/** §4.1: the web_connectivity test helper's view (ground truth); 0-based observation_idx. */
export interface ObsWebCtrlRow extends MeasurementMetaColumns, ObservationProvenance {
  hostname: string;
  observation_idx: number;
  created_at: string | null;
  ip: string;
  port: number | null;
  ip_asn: number | null;
  ip_as_org_name: string | null;
  ip_as_cc: string | null;
  ip_cc: string | null;
  ip_is_bogon: boolean | null;
  dns_failure: string | null;
  dns_success: boolean | null;
  tcp_failure: string | null;
  tcp_success: boolean | null;
  tls_failure: string | null;
  tls_success: boolean | null;
  tls_server_name: string | null;
  http_request_url: string | null;
  http_failure: string | null;
  http_success: boolean | null;
  http_response_body_length: number | null;
}

/** §2.9: http_invalid_request_line / http_header_field_manipulation, one row each. */
export interface ObsHttpMiddleboxRow extends MeasurementMetaColumns, ProbeMetaColumns, ObservationProvenance {
  observation_idx: number;
  created_at: string | null;
  hirl_sent_0: string | null;
  hirl_sent_1: string | null;
  hirl_sent_2: string | null;
  hirl_sent_3: string | null;
  hirl_sent_4: string | null;
  hirl_received_0: string | null;
  hirl_received_1: string | null;
  hirl_received_2: string | null;
  hirl_received_3: string | null;
  hirl_received_4: string | null;
  hirl_failure: string | null;
  hirl_success: boolean | null;
  hfm_diff: string | null;
  hfm_failure: string | null;
  hfm_success: boolean | null;
}

/** What one measurement becomes; `faulty` when its shape could not be read (never a throw). */
export type ObservationResult =
  { ok: true; obs_web: ObsWebRow[]; obs_web_ctrl: ObsWebCtrlRow[]; obs_http_middlebox: ObsHttpMiddleboxRow[] } | { ok: false; reason: string };
