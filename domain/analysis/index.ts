// PLACEHOLDER until H2 lands: the contract's signatures; the stand-in verdict scores nothing
// (all zero, rule ids `none`) so the orchestration can be built and tested.
import type { Fingerprints } from '../../activities/fastpath/fingerprints/types.ts';
import type { ObsWebCtrlRow, ObsWebRow } from '../observations/types.ts';
import type { AnalysisWebMeasurementRow } from './types.ts';
import { RULES_VERSION } from './rules/version.ts';

export type CtrlTruthInput = ObsWebCtrlRow;
export type WindowObsInput = Pick<
  ObsWebRow,
  'test_name' | 'report_id' | 'hostname' | 'measurement_start_time' | 'ip' | 'tls_is_certificate_valid' | 'tcp_success' | 'tcp_failure'
>;

export class GroundTruth {
  readonly hostnames = new Set<string>();
  addCtrlRow(r: CtrlTruthInput): void {
    this.hostnames.add(r.hostname);
  }
  addTlsConsistent(hostname: string, _day: string, _ip: string): void {
    this.hostnames.add(hostname);
  }
  addObsWebRow(r: WindowObsInput): void {
    if (r.tls_is_certificate_valid === true && r.hostname !== null && r.ip !== null)
      this.addTlsConsistent(r.hostname, r.measurement_start_time.slice(0, 10), r.ip);
  }
}

export interface DnsFingerprintIndex {
  version: string;
}

export function dnsFingerprintIndex(fingerprints: Fingerprints): DnsFingerprintIndex {
  return { version: fingerprints.version };
}

export function analyseMeasurement(
  rows: readonly ObsWebRow[],
  _truth: GroundTruth,
  _dns: DnsFingerprintIndex,
  versions: { fingerprints_version: string },
): AnalysisWebMeasurementRow | null {
  const r = rows[0];
  if (!r || r.test_name !== 'web_connectivity' || r.input === null) return null;
  return {
    domain: r.hostname ?? '',
    input: r.input,
    test_name: r.test_name,
    probe_asn: r.probe_asn,
    probe_as_org_name: r.probe_as_org_name,
    probe_cc: r.probe_cc,
    resolver_asn: r.resolver_asn,
    resolver_as_cc: r.resolver_as_cc,
    network_type: r.network_type,
    measurement_start_time: r.measurement_start_time,
    measurement_uid: r.measurement_uid,
    ooni_run_link_id: r.ooni_run_link_id,
    top_probe_analysis: r.probe_analysis,
    top_dns_failure: null,
    top_tcp_failure: null,
    top_tls_failure: null,
    dns_blocked: 0,
    dns_down: 0,
    dns_ok: 0,
    tcp_blocked: 0,
    tcp_down: 0,
    tcp_ok: 0,
    tls_blocked: 0,
    tls_down: 0,
    tls_ok: 0,
    top_dns_rule_id: 'none',
    top_tcp_rule_id: 'none',
    top_tls_rule_id: 'none',
    probe_id: r.probe_id,
    analysis_rules_version: RULES_VERSION,
    transformer_version: r.transformer_version,
    enrichment_version: r.enrichment_version,
    fingerprints_version: versions.fingerprints_version,
  };
}
