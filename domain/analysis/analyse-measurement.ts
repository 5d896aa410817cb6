// One measurement's obs_web rows → its analysis_web_measurement row (§5.3, §5.4): each row through
// the DNS, TCP and TLS cascades, then per measurement the componentwise maxima, the most frequent
// failures and the top rule of each layer. Only web_connectivity is analysed.
import type { ObsWebRow } from '../observations/types.ts';
import { mostFrequent, topRuleId } from './aggregate.ts';
import type { DnsFingerprintIndex } from './dns-fingerprints.ts';
import type { GroundTruth } from './ground-truth.ts';
import { rowFeatures } from './row-features.ts';
import { DNS_RULES } from './rules/dns.ts';
import { firstMatch } from './rules/evaluate.ts';
import { TCP_RULES } from './rules/tcp.ts';
import { TLS_RULES } from './rules/tls.ts';
import type { LayerVerdict } from './rules/types.ts';
import { RULES_VERSION } from './rules/version.ts';
import type { AnalysisWebMeasurementRow } from './types.ts';
import { urlDomain } from './url-domain.ts';

const ANALYSED_TEST_NAMES: readonly string[] = ['web_connectivity'];

export interface RowVerdicts {
  dns: LayerVerdict;
  tcp: LayerVerdict;
  tls: LayerVerdict;
}

/** The three cascades for every row (rows in the order given). */
export function scoreRows(rows: readonly ObsWebRow[], truth: GroundTruth, dns: DnsFingerprintIndex): RowVerdicts[] {
  return rowFeatures(rows, truth, dns).map((scope) => {
    const d = firstMatch(DNS_RULES, scope);
    scope.dns_blocked = d.blocked;
    scope.dns_down = d.down;
    scope.dns_ok = d.ok;
    const t = firstMatch(TCP_RULES, scope);
    scope.tcp_blocked = t.blocked;
    scope.tcp_down = t.down;
    scope.tcp_ok = t.ok;
    return { dns: d, tcp: t, tls: firstMatch(TLS_RULES, scope) };
  });
}

// Scores are stored as Float32 (PostgreSQL `real`): the row carries the value that storage keeps.
function maxOf(vs: readonly LayerVerdict[], k: 'blocked' | 'down' | 'ok'): number {
  let m = 0;
  for (const v of vs) if (v[k] > m) m = v[k];
  return Math.fround(m);
}

const byObservationIdx = (a: ObsWebRow, b: ObsWebRow): number => a.observation_idx - b.observation_idx;

/**
 * The verdict row of one measurement from all its obs_web rows (any order), against the window's
 * ground truth; null when it has no rows of an analysed test.
 */
export function analyseMeasurement(
  rows: readonly ObsWebRow[],
  truth: GroundTruth,
  dns: DnsFingerprintIndex,
  versions: { fingerprints_version: string },
): AnalysisWebMeasurementRow | null {
  const analysed = rows.filter((r) => ANALYSED_TEST_NAMES.includes(r.test_name)).sort(byObservationIdx);
  const first = analysed[0];
  if (!first) return null;
  const verdicts = scoreRows(analysed, truth, dns);
  const d: LayerVerdict[] = [];
  const t: LayerVerdict[] = [];
  const s: LayerVerdict[] = [];
  for (const v of verdicts) {
    d.push(v.dns);
    t.push(v.tcp);
    s.push(v.tls);
  }
  return {
    domain: urlDomain(first.input ?? ''),
    input: first.input ?? '',
    test_name: first.test_name,
    probe_asn: first.probe_asn,
    probe_as_org_name: first.probe_as_org_name,
    probe_cc: first.probe_cc,
    resolver_asn: first.resolver_asn,
    resolver_as_cc: first.resolver_as_cc,
    network_type: first.network_type,
    measurement_start_time: first.measurement_start_time,
    measurement_uid: first.measurement_uid,
    ooni_run_link_id: first.ooni_run_link_id,
    top_probe_analysis: mostFrequent(analysed.map((r) => r.probe_analysis)),
    top_dns_failure: mostFrequent(analysed.map((r) => r.dns_failure)),
    top_tcp_failure: mostFrequent(analysed.map((r) => r.tcp_failure)),
    top_tls_failure: mostFrequent(analysed.map((r) => r.tls_failure)),
    dns_blocked: maxOf(d, 'blocked'),
    dns_down: maxOf(d, 'down'),
    dns_ok: maxOf(d, 'ok'),
    tcp_blocked: maxOf(t, 'blocked'),
    tcp_down: maxOf(t, 'down'),
    tcp_ok: maxOf(t, 'ok'),
    tls_blocked: maxOf(s, 'blocked'),
    tls_down: maxOf(s, 'down'),
    tls_ok: maxOf(s, 'ok'),
    top_dns_rule_id: topRuleId(d),
    top_tcp_rule_id: topRuleId(t),
    top_tls_rule_id: topRuleId(s),
    probe_id: first.probe_id,
    analysis_rules_version: RULES_VERSION,
    transformer_version: first.transformer_version,
    enrichment_version: first.enrichment_version,
    fingerprints_version: versions.fingerprints_version,
  };
}
