// Rows of the v5 tables with realistic values (a web_connectivity measurement from Italy on
// AS30722), for the v5 route tests: `obsRow({...})` etc. fill every column, `insertRows` stores them.
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { eventDetectorChangepoints } from '../../../drizzle/v5-schema.ts';
import { analysisWebMeasurement, obsWeb, obsWebCtrl } from '../../../drizzle/v5-schema.ts';
import type { AnalysisWebMeasurementRow } from '../../../domain/analysis/types.ts';
import type { ObsWebCtrlRow, ObsWebRow } from '../../../domain/observations/types.ts';

type Changepoint = typeof eventDetectorChangepoints.$inferSelect;

/** NULL for nullable columns, the type's zero for the others. */
function blank(table: PgTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(getTableColumns(table))) {
    if (!c.notNull) out[name] = null;
    else if (c.columnType === 'PgArray') out[name] = [];
    else if (c.columnType === 'PgBoolean') out[name] = false;
    else if (c.columnType === 'PgText' || c.columnType === 'PgTimestampString') out[name] = '';
    else out[name] = 0;
  }
  return out;
}

const META = {
  measurement_uid: '20241101T100000Z_webconnectivity_IT_30722_n1_abcdefabcdef0001',
  input: 'https://www.example.org/',
  report_id: '20241101T095959Z_webconnectivity_IT_30722_n1_AbCdEfGhIjKlMnOp',
  ooni_run_link_id: '',
  measurement_start_time: '2024-11-01 10:00:00.000',
  software_name: 'ooniprobe-cli',
  software_version: '3.20.0',
  test_name: 'web_connectivity',
  test_version: '0.4.3',
  bucket_date: '2024-11-01',
  transformer_version: '1',
  enrichment_version: 'test',
};

const PROBE = {
  probe_asn: 30722,
  probe_cc: 'IT',
  probe_as_org_name: 'Vodafone Italia S.p.A.',
  probe_as_cc: 'IT',
  probe_as_name: 'ASN-VODAFONE-IT',
  network_type: 'wifi',
  platform: 'linux',
  origin: 'ooni-run',
  engine_name: 'ooniprobe-engine',
  engine_version: '3.20.0',
  architecture: 'amd64',
  resolver_ip: '10.0.0.1',
  resolver_asn: 30722,
  resolver_cc: 'IT',
  resolver_as_org_name: 'Vodafone Italia S.p.A.',
  resolver_as_cc: 'IT',
  resolver_is_scrubbed: false,
  resolver_asn_probe: 30722,
  resolver_as_org_name_probe: 'Vodafone Italia S.p.A.',
  probe_id: '',
};

export function obsRow(o: Partial<ObsWebRow> = {}): ObsWebRow {
  return {
    ...blank(obsWeb),
    ...META,
    ...PROBE,
    observation_idx: 1,
    created_at: '2024-11-01 10:05:00.000',
    hostname: 'www.example.org',
    ip: '93.184.215.14',
    port: 443,
    ip_asn: 15133,
    ip_as_org_name: 'Edgecast Inc.',
    ip_as_cc: 'US',
    ip_cc: 'US',
    ip_is_bogon: false,
    dns_query_type: 'A',
    dns_engine: 'system',
    dns_answer: '93.184.215.14',
    tcp_success: true,
    tls_is_certificate_valid: true,
    tls_server_name: 'www.example.org',
    probe_analysis: 'false',
    ...o,
  } as ObsWebRow;
}

export function ctrlRow(o: Partial<ObsWebCtrlRow> = {}): ObsWebCtrlRow {
  return {
    ...blank(obsWebCtrl),
    ...META,
    observation_idx: 0,
    created_at: '2024-11-01 10:05:00.000',
    hostname: 'www.example.org',
    ip: '93.184.215.14',
    port: 443,
    ip_asn: 15133,
    ip_as_org_name: 'Edgecast Inc.',
    ip_as_cc: 'US',
    ip_cc: 'US',
    ip_is_bogon: false,
    dns_success: true,
    tcp_success: true,
    tls_success: true,
    tls_server_name: 'www.example.org',
    ...o,
  } as ObsWebCtrlRow;
}

export function analysisRow(o: Partial<AnalysisWebMeasurementRow> = {}): AnalysisWebMeasurementRow {
  return {
    domain: 'www.example.org',
    input: 'https://www.example.org/',
    test_name: 'web_connectivity',
    probe_asn: 30722,
    probe_as_org_name: 'Vodafone Italia S.p.A.',
    probe_cc: 'IT',
    resolver_asn: 30722,
    resolver_as_cc: 'IT',
    network_type: 'wifi',
    measurement_start_time: '2024-11-01 10:00:00.000',
    measurement_uid: META.measurement_uid,
    ooni_run_link_id: '',
    top_probe_analysis: 'false',
    top_dns_failure: null,
    top_tcp_failure: null,
    top_tls_failure: null,
    dns_blocked: 0,
    dns_down: 0,
    dns_ok: 1,
    tcp_blocked: 0,
    tcp_down: 0,
    tcp_ok: 1,
    tls_blocked: 0,
    tls_down: 0,
    tls_ok: 1,
    top_dns_rule_id: 'dns.tls_consistent_answer',
    top_tcp_rule_id: 'tcp.connect_ok',
    top_tls_rule_id: 'tls.handshake_ok',
    probe_id: '',
    analysis_rules_version: 2,
    transformer_version: '1',
    enrichment_version: 'test',
    fingerprints_version: 'test',
    ...o,
  };
}

export function changepointRow(o: Partial<Changepoint> = {}): Changepoint {
  return {
    probe_asn: 8048,
    probe_cc: 'VE',
    domain: 'amazon.com',
    ts: '2024-01-10 05:00:00.000',
    count_isp_resolver: 12,
    count_other_resolver: 3,
    count: 15,
    dns_isp_blocked: 0.9,
    dns_other_blocked: 0,
    tcp_blocked: 0,
    tls_blocked: 0,
    change_dir: 1,
    s_pos: 3.6,
    s_neg: 0,
    current_state: 'ok',
    h: 3.5,
    block_type: 'dns_isp_blocked',
    analysis_rules_version: 2,
    ...o,
  };
}

/** Inserts rows in batches (one statement each). */
export async function insertRows(sql: postgres.Sql, table: string, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500) as Record<string, postgres.SerializableParameter>[];
    await sql`insert into ${sql(table)} ${sql(batch)}`;
  }
}
