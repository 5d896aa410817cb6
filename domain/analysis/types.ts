// The v5 per-measurement verdict row (ooni/data `analysis_web_measurement`, §5.4 of
// shared/reference/ooni-data.md), keyed by upstream's column names. Scores are Float32 upstream
// (PostgreSQL `real`); analyseMeasurement rounds them with Math.fround, so a row equals what is stored.

export interface AnalysisWebMeasurementRow {
  domain: string;
  input: string;
  test_name: string;
  probe_asn: number;
  probe_as_org_name: string;
  probe_cc: string;
  resolver_asn: number;
  resolver_as_cc: string;
  network_type: string;
  /** UTC `YYYY-MM-DD HH:MM:SS.mmm` */
  measurement_start_time: string;
  measurement_uid: string;
  ooni_run_link_id: string;
  top_probe_analysis: string | null;
  top_dns_failure: string | null;
  top_tcp_failure: string | null;
  top_tls_failure: string | null;
  dns_blocked: number;
  dns_down: number;
  dns_ok: number;
  tcp_blocked: number;
  tcp_down: number;
  tcp_ok: number;
  tls_blocked: number;
  tls_down: number;
  tls_ok: number;
  top_dns_rule_id: string;
  top_tcp_rule_id: string;
  top_tls_rule_id: string;
  probe_id: string;
  /** RULES_VERSION of domain/analysis/rules */
  analysis_rules_version: number;
  /** provenance (issue #13 point 8): the observation rows' transformer and enrichment versions */
  transformer_version: string;
  enrichment_version: string;
  /** the DNS fingerprint list the analysis matched answers against */
  fingerprints_version: string;
}
