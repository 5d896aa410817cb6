// Hand-built v5 rows for the analysis unit tests: every column at its "absent" value, then the
// fields a test names. Values are written by hand, never produced by the code under test.
import type { ObsWebCtrlRow, ObsWebRow } from '../../../domain/observations/types.ts';
import { NO_DNS, NO_HTTP, NO_TCP, NO_TLS } from './v5-rows.ts';

export const START = '2024-02-12 20:33:47.000';

export function webRow(fields: Partial<ObsWebRow> = {}): ObsWebRow {
  return {
    measurement_uid: '20240212203347.000000_IT_webconnectivity_0000000000000001',
    input: 'https://www.example.com/',
    report_id: '20240212T203347Z_webconnectivity_IT_30722_n1_0000000000000001',
    ooni_run_link_id: '',
    measurement_start_time: START,
    software_name: 'ooniprobe-cli',
    software_version: '3.20.0',
    test_name: 'web_connectivity',
    test_version: '0.5.28',
    bucket_date: '2024-02-12',
    probe_asn: 30722,
    probe_cc: 'IT',
    probe_as_org_name: 'Vodafone Italia S.p.A.',
    probe_as_cc: 'IT',
    probe_as_name: '',
    network_type: 'wifi',
    platform: 'linux',
    origin: 'cli',
    engine_name: 'ooniprobe-engine',
    engine_version: '3.20.0',
    architecture: 'amd64',
    resolver_ip: '',
    resolver_asn: 0,
    resolver_cc: '',
    resolver_as_org_name: '',
    resolver_as_cc: '',
    resolver_is_scrubbed: false,
    resolver_asn_probe: 0,
    resolver_as_org_name_probe: '',
    probe_id: '',
    transformer_version: '1',
    enrichment_version: 'none',
    observation_idx: 1,
    created_at: null,
    target_id: null,
    hostname: 'www.example.com',
    transaction_id: null,
    ip: null,
    port: null,
    ip_asn: null,
    ip_as_org_name: null,
    ip_as_cc: null,
    ip_cc: null,
    ip_is_bogon: null,
    probe_analysis: 'false',
    ...NO_DNS,
    ...NO_TCP,
    ...NO_TLS,
    ...NO_HTTP,
    ...fields,
  };
}

/** A system-resolver answer row: DNS answer `ip` (the row's ip too), optionally joined with TCP/TLS. */
export function answerRow(ip: string, fields: Partial<ObsWebRow> = {}): ObsWebRow {
  return webRow({ dns_engine: 'system', dns_query_type: 'A', dns_answer: ip, ip, ...fields });
}

export function ctrlRow(fields: Partial<ObsWebCtrlRow> = {}): ObsWebCtrlRow {
  return {
    measurement_uid: '20240212203347.000000_IT_webconnectivity_0000000000000001',
    input: 'https://www.example.com/',
    report_id: '20240212T203347Z_webconnectivity_IT_30722_n1_0000000000000001',
    ooni_run_link_id: '',
    measurement_start_time: START,
    software_name: 'ooniprobe-cli',
    software_version: '3.20.0',
    test_name: 'web_connectivity',
    test_version: '0.5.28',
    bucket_date: '2024-02-12',
    transformer_version: '1',
    enrichment_version: 'none',
    hostname: 'www.example.com',
    observation_idx: 0,
    created_at: null,
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
    ...fields,
  };
}
