// ooni-data.md §5.6: the SQL semantics a port must reproduce, one test per trap, each through the
// whole analysis of hand-built rows (expected rule ids and scores worked out by hand from §5.3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseMeasurement } from '../../../domain/analysis/analyse-measurement.ts';
import { scoreRows } from '../../../domain/analysis/analyse-measurement.ts';
import type { DnsFingerprintIndex } from '../../../domain/analysis/dns-fingerprints.ts';
import { GroundTruth } from '../../../domain/analysis/ground-truth.ts';
import type { ObsWebRow } from '../../../domain/observations/types.ts';
import { answerRow, ctrlRow, webRow } from '../../helpers/unit/analysis.ts';

const NO_FINGERPRINTS: DnsFingerprintIndex = { version: 'test', byPattern: new Map() };
const VERSIONS = { fingerprints_version: 'test' };

const ruleIds = (rows: ObsWebRow[], truth: GroundTruth): string[][] =>
  scoreRows(rows, truth, NO_FINGERPRINTS).map((v) => [v.dns.ruleId, v.tcp.ruleId, v.tls.ruleId]);

test('0/0 is NaN and NaN compares false both ways: a control without DNS data → dns_system_failure_no_ctrl', () => {
  const truth = new GroundTruth();
  // the control has the hostname (TCP only): ctrl_dns_success_rate = 0 / (0 + 0)
  truth.addCtrlRow(ctrlRow({ ip: '93.184.215.14', port: 443, tcp_success: true }));
  const rows = [webRow({ dns_engine: 'system', dns_query_type: 'A', dns_failure: 'dns_nxdomain_error' })];
  // TCP: no TCP part, and DNS (0.5, 0.5, 0) looks blocked → dns_untrusted
  assert.deepEqual(ruleIds(rows, truth), [['dns_system_failure_no_ctrl', 'dns_untrusted', 'no_tls_data']]);
  // with a control that resolved it, the rate is 1/1 and the same row is blocked
  truth.addCtrlRow(ctrlRow({ ip: '93.184.215.14', dns_success: true }));
  assert.deepEqual(ruleIds(rows, truth)[0]![0], 'dns_system_failure_ctrl_ok');
});

test('0/0 NaN in tcp_ipv6_failure_rate: an IPv6 failure with no other v6 data is not ipv6_broken_probe', () => {
  const truth = new GroundTruth();
  truth.addCtrlRow(ctrlRow({ ip: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', port: 443, tcp_success: true }));
  const v6 = '2606:2800:21f:cb07:6820:80da:af6b:8b2c';
  // the report's only v6 row fails: rate 1/1 → discarded as broken IPv6
  const failing = [webRow({ ip: v6, port: 443, tcp_failure: 'generic_timeout_error', tcp_success: false })];
  assert.equal(ruleIds(failing, truth)[0]![1], 'ipv6_broken_probe');
  // the same failure in a report whose counts say v6 works (1 failure, 3 successes → 0.25)
  const ok = new GroundTruth();
  ok.addCtrlRow(ctrlRow({ ip: v6, port: 443, tcp_success: true }));
  for (let i = 0; i < 3; i++) ok.addObsWebRow(webRow({ ip: v6, tcp_success: true }));
  ok.addObsWebRow(failing[0]!);
  assert.equal(ruleIds(failing, ok)[0]![1], 'failure_ctrl_ok');
});

test('a NULL condition is false: a row without a TCP part does not match no_tcp_data (parity, §11 #7)', () => {
  const truth = new GroundTruth();
  const rows = [webRow({ http_request_url: 'https://www.example.com/', http_failure: 'connection_reset' })];
  // tcp_success NULL → `tcp_success != 1` is NULL → no_tcp_data is skipped; nothing else matches
  assert.deepEqual(ruleIds(rows, truth), [['no_dns_data', 'none', 'no_tls_data']]);
  // with tcp_success 0 and no failure (not produced by probes, but legal) it does match
  assert.equal(ruleIds([webRow({ ip: '93.184.215.14', tcp_success: false })], truth)[0]![1], 'no_tcp_data');
});

test('LEFT JOIN misses give 0 / empty, not NULL: no control → bogon_not_in_ctrl; a TCP failure ends at none', () => {
  const truth = new GroundTruth();
  const rows = [answerRow('10.10.34.35', { ip_is_bogon: true, tcp_failure: 'connection_refused', tcp_success: false, port: 443 })];
  // dns_answer_matches_ctrl = 0 (not NULL): rule 4; TCP: rate 0 fails `> 0.5`, failing count 0 fails `> 0`,
  // dns_untrusted: dns_blocked 0.95 > 0 and dns_ok 0 <= 1.0 → DISCARDED
  assert.deepEqual(ruleIds(rows, truth), [['bogon_not_in_ctrl', 'dns_untrusted', 'no_tls_data']]);
  const other = [webRow({ ip: '93.184.215.14', port: 443, tcp_failure: 'connection_refused', tcp_success: false })];
  assert.deepEqual(ruleIds(other, truth), [['no_dns_data', 'none', 'no_tls_data']]);
});

test('window partitions treat NULL keys as equal: rows with a NULL hostname share one dns_answers array', () => {
  const truth = new GroundTruth();
  // TCP-only row and a system answer row, both hostname NULL and IPv4 → partition (uid, NULL, 0)
  const rows = [
    answerRow('93.184.215.14', { hostname: null, observation_idx: 1 }),
    webRow({ hostname: null, ip: '93.184.215.15', port: 80, tcp_success: true, observation_idx: 2 }),
    webRow({ hostname: 'www.example.org', ip: '93.184.215.16', port: 80, tcp_success: true, observation_idx: 3 }),
  ];
  const ids = ruleIds(rows, truth).map((r) => r[0]);
  // row 2 has answers (shared) but no engine of its own: nothing matches → none; row 3 has none
  assert.deepEqual(ids, ['dns_system_answer_unmatched', 'none', 'no_dns_data']);
});

test('aggregates skip NULL: NULL answers, bogon flags and failures do not count', () => {
  const truth = new GroundTruth();
  const rows = [
    // an answerless system row joined to TCP by transaction id: its ip qualifies, its NULL answer is skipped
    webRow({ dns_engine: 'system', ip: '93.184.215.14', port: 443, tcp_success: true, observation_idx: 1 }),
    webRow({ observation_idx: 2, http_request_url: 'https://www.example.com/' }),
    webRow({ observation_idx: 3, http_request_url: 'https://www.example.com/', tls_failure: 'connection_reset' }),
    webRow({ observation_idx: 4, http_request_url: 'https://www.example.com/' }),
  ];
  const v = scoreRows(rows, truth, NO_FINGERPRINTS);
  // dns_answers empty (NULL skipped), failure NULL → no_dns_data; bogon max over NULL → 0 (not bogon rules)
  assert.equal(v[0]!.dns.ruleId, 'no_dns_data');
  const row = analyseMeasurement(rows, truth, NO_FINGERPRINTS, VERSIONS)!;
  // three NULL tls_failure values and one 'connection_reset': the mode ignores NULL
  assert.equal(row.top_tls_failure, 'connection_reset');
  assert.equal(row.top_dns_failure, null);
});

test("LIKE 'ssl_%': `_` matches any character; startsWith(tls_failure, 'ssl_') does not", () => {
  const truth = new GroundTruth();
  const ip = '93.184.215.14';
  // control: TLS to ip fails with "sslerror" (LIKE 'ssl_%' is true: 's','s','l', any char 'e', rest)
  truth.addCtrlRow(ctrlRow({ ip, port: 443, tcp_success: true, tls_success: false, tls_failure: 'sslerror' }));
  const rows = [answerRow(ip, { port: 443, tcp_success: true, tls_failure: 'sslerror' })];
  // DNS: the answer is TLS-inconsistent in the control and not a control DNS answer → rule 6
  assert.equal(ruleIds(rows, truth)[0]![0], 'tls_inconsistent_not_in_ctrl');
  // "ssl" alone is too short for 'ssl_%'
  const short = new GroundTruth();
  short.addCtrlRow(ctrlRow({ ip, port: 443, tcp_success: true, tls_success: false, tls_failure: 'ssl' }));
  assert.equal(ruleIds([answerRow(ip, { port: 443, tcp_success: true, tls_failure: 'ssl' })], short)[0]![0], 'dns_system_answer_unmatched');
  // the TLS rule's startsWith is literal: with a control succeeding on ip, 'sslerror' is "other"
  const ok = new GroundTruth();
  ok.addCtrlRow(ctrlRow({ ip, port: 443, tcp_success: true, tls_success: true, dns_success: true }));
  const tls = (failure: string): string => ruleIds([answerRow(ip, { port: 443, tcp_success: true, tls_failure: failure })], ok)[0]![2]!;
  assert.equal(tls('sslerror'), 'failure_ctrl_ok_other');
  assert.equal(tls('ssl_invalid_hostname'), 'failure_ctrl_ok_ssl');
});

test('scores are stored as Float32: 0.9 is 0.8999999761581421, 0.75 and 1 are exact', () => {
  const truth = new GroundTruth();
  const ip = '93.184.215.14';
  truth.addCtrlRow(ctrlRow({ ip, dns_success: true }));
  // DNS failure while the control resolved it: dns_system_failure_ctrl_ok (0.9, 0.1, 0)
  const row = analyseMeasurement([webRow({ dns_engine: 'getaddrinfo', dns_failure: 'dns_nxdomain_error' })], truth, NO_FINGERPRINTS, VERSIONS)!;
  assert.equal(row.top_dns_rule_id, 'dns_system_failure_ctrl_ok');
  assert.equal(row.dns_blocked, 0.8999999761581421);
  assert.equal(row.dns_down, 0.10000000149011612);
  assert.equal(row.dns_ok, 0);
  const unmatched = analyseMeasurement([answerRow('93.184.215.99')], new GroundTruth(), NO_FINGERPRINTS, VERSIONS)!;
  assert.deepEqual([unmatched.dns_blocked, unmatched.dns_ok], [0.75, 0.25]);
});

test('booleans are Int8: tls_is_certificate_valid true is `= 1` (certificate_valid), false is not NULL', () => {
  const truth = new GroundTruth();
  assert.equal(ruleIds([answerRow('93.184.215.14', { tls_is_certificate_valid: true })], truth)[0]![2], 'certificate_valid');
  // false with no failure (and no DNS part): `IS NULL` is false, `= 1` is false → none, not no_tls_data
  assert.equal(ruleIds([webRow({ ip: '93.184.215.14', tls_is_certificate_valid: false })], truth)[0]![2], 'none');
});
