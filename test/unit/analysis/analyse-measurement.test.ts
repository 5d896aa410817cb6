// analyseMeasurement on hand-built rows: the §5.5 worked example, the aggregation rules of §5.4
// (componentwise max, mode with its tie-break, argMax ranking, domain(input), provenance) and the
// window facts of §4.2/§5.1 (per hostname × day control, LEFT-JOINed TLS consistency, per-report v6).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadFingerprintsFromCsv } from '../../../activities/fastpath/fingerprints/load.ts';
import { analyseMeasurement, dnsFingerprintIndex, GroundTruth, RULES_VERSION } from '../../../domain/analysis/index.ts';
import { scoreRows } from '../../../domain/analysis/analyse-measurement.ts';
import { mostFrequent } from '../../../domain/analysis/aggregate.ts';
import type { DnsFingerprintIndex } from '../../../domain/analysis/dns-fingerprints.ts';
import { urlDomain } from '../../../domain/analysis/url-domain.ts';
import { answerRow, ctrlRow, webRow } from '../../helpers/unit/analysis.ts';

const NONE: DnsFingerprintIndex = { version: 'none', byPattern: new Map() };
const V = { fingerprints_version: 'fp-1' };

test('§5.5 worked example (archive.org, hand-built rows): tls_consistent_answer, connect_ok, no_tls_data', () => {
  const uid = '20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3';
  const meta = { measurement_uid: uid, input: 'http://archive.org', probe_cc: 'ID', measurement_start_time: '2025-05-27 23:31:11.000' };
  const rows = [
    answerRow('207.241.224.2', { ...meta, hostname: 'archive.org', observation_idx: 1, port: 80, tcp_success: true }),
    webRow({
      ...meta,
      hostname: 'lamanlabuh.aduankonten.id',
      observation_idx: 2,
      http_request_url: 'http://lamanlabuh.aduankonten.id/',
      http_response_status_code: 200,
    }),
    webRow({ ...meta, hostname: 'archive.org', observation_idx: 3, http_request_url: 'http://archive.org', http_response_status_code: 302 }),
  ];
  const truth = new GroundTruth();
  const ctrl = { ...meta, hostname: 'archive.org' };
  truth.addCtrlRow(
    ctrlRow({
      ...ctrl,
      observation_idx: 0,
      ip: '207.241.224.2',
      port: 443,
      dns_success: true,
      tcp_success: true,
      tls_success: true,
      tls_server_name: 'archive.org',
    }),
  );
  truth.addCtrlRow(ctrlRow({ ...ctrl, observation_idx: 1, ip: '207.241.224.2', port: 80, dns_success: true, tcp_success: true }));
  truth.addCtrlRow(
    ctrlRow({ ...ctrl, observation_idx: 2, http_request_url: 'http://archive.org', http_success: true, http_response_body_length: 2997 }),
  );
  const row = analyseMeasurement(rows, truth, NONE, V)!;
  assert.deepEqual([row.top_dns_rule_id, row.top_tcp_rule_id, row.top_tls_rule_id], ['tls_consistent_answer', 'connect_ok', 'no_tls_data']);
  assert.deepEqual([row.dns_blocked, row.dns_down, row.dns_ok], [0, 0, 1]);
  assert.deepEqual([row.tcp_blocked, row.tcp_down, row.tcp_ok], [0, 0, 1]);
  assert.deepEqual([row.tls_blocked, row.tls_down, row.tls_ok], [0, 0, 0]);
  assert.equal(row.domain, 'archive.org');
  assert.equal(row.top_probe_analysis, 'false');
  assert.equal(row.measurement_uid, uid);
  assert.equal(row.analysis_rules_version, 2);
  assert.equal(RULES_VERSION, 2);
  assert.deepEqual([row.transformer_version, row.enrichment_version, row.fingerprints_version], ['1', 'none', 'fp-1']);
  // the same rows in another order give the same row
  assert.deepEqual(analyseMeasurement([...rows].reverse(), truth, NONE, V), row);
});

test('only web_connectivity is analysed; no rows → null', () => {
  assert.equal(analyseMeasurement([], new GroundTruth(), NONE, V), null);
  assert.equal(analyseMeasurement([answerRow('1.1.1.1', { test_name: 'dnscheck' })], new GroundTruth(), NONE, V), null);
});

test('maxima are independent per component: (0.75, 0, 0.25) and (0, 0, 1) → (0.75, 0, 1)', () => {
  const truth = new GroundTruth();
  truth.addTlsConsistent('www.example.com', '2024-02-12', '93.184.215.14');
  truth.addCtrlRow(ctrlRow({ ip: '93.184.215.14', port: 443, tcp_success: true, tls_success: true }));
  const rows = [
    // IPv4 answer, TLS-consistent → (0, 0, 1)
    answerRow('93.184.215.14', { observation_idx: 1 }),
    // IPv6 answer, other partition, nothing known → dns_system_answer_unmatched (0.75, 0, 0.25)
    answerRow('2606:2800:21f:cb07:6820:80da:af6b:8b2c', { observation_idx: 2, dns_query_type: 'AAAA' }),
  ];
  const row = analyseMeasurement(rows, truth, NONE, V)!;
  assert.deepEqual([row.dns_blocked, row.dns_down, row.dns_ok], [0.75, 0, 1]);
  // argMax by (evidence, blocked, id): both SCORED, 0.75 > 0
  assert.equal(row.top_dns_rule_id, 'dns_system_answer_unmatched');
});

test('top rule: evidence first (SCORED beats a blocked-looking DISCARDED), then blocked, then the larger id', () => {
  const truth = new GroundTruth();
  const rows = [
    // bogon, no control → bogon_not_in_ctrl; TCP failure → dns_untrusted (DISCARDED)
    answerRow('10.0.0.1', { ip_is_bogon: true, observation_idx: 1, port: 80, tcp_failure: 'connection_refused', tcp_success: false }),
    // another hostname, TCP ok → connect_ok (SCORED, blocked 0) outranks the DISCARDED row
    webRow({ hostname: 'cdn.example.com', ip: '93.184.215.20', port: 443, tcp_success: true, observation_idx: 2 }),
  ];
  const row = analyseMeasurement(rows, truth, NONE, V)!;
  assert.equal(row.top_dns_rule_id, 'bogon_not_in_ctrl');
  assert.equal(row.top_tcp_rule_id, 'connect_ok');
  assert.deepEqual([row.tcp_blocked, row.tcp_down, row.tcp_ok], [0, 0, 1]);
  // TLS: both rows have no TLS data → NONE ties at blocked 0 → the larger id ('no_tls_data' for both)
  assert.equal(row.top_tls_rule_id, 'no_tls_data');
});

test('mostFrequent: NULLs skipped, ties go to the value seen first', () => {
  assert.equal(mostFrequent([null, null]), null);
  assert.equal(mostFrequent([null, 'a', null, null]), 'a');
  assert.equal(mostFrequent(['a', 'b', 'b', 'a']), 'a');
  assert.equal(mostFrequent(['b', 'a', 'a']), 'a');
});

test('domain(input): the host as written, no port, no lower-casing; "" without a dot', () => {
  assert.equal(urlDomain('https://www.example.com/path?q=1'), 'www.example.com');
  assert.equal(urlDomain('http://www.example.com:444/'), 'www.example.com');
  assert.equal(urlDomain('http://Яндекс.рф/'), 'Яндекс.рф');
  assert.equal(urlDomain('http://user:pw@archive.org'), 'archive.org');
  assert.equal(urlDomain('http://localhost/'), '');
  assert.equal(urlDomain(''), '');
});

test('control is per hostname and UTC day: a control row of another day does not apply', () => {
  const truth = new GroundTruth();
  truth.addCtrlRow(ctrlRow({ ip: '93.184.215.14', dns_success: true, measurement_start_time: '2024-02-11 23:59:59.999' }));
  const rows = [answerRow('93.184.215.14')];
  assert.equal(scoreRows(rows, truth, NONE)[0]!.dns.ruleId, 'dns_system_answer_unmatched');
  truth.addCtrlRow(ctrlRow({ ip: '93.184.215.14', dns_success: true, measurement_start_time: '2024-02-12 00:00:00.000' }));
  assert.equal(scoreRows(rows, truth, NONE)[0]!.dns.ruleId, 'answer_matches_ctrl');
});

test("other TLS-consistent ips count only where the control has the hostname/day (upstream's LEFT JOIN), in any order", () => {
  const ip = '93.184.215.14';
  const rows = [answerRow(ip)];
  const alone = new GroundTruth();
  alone.addObsWebRow(webRow({ ip, tls_is_certificate_valid: true }));
  assert.equal(scoreRows(rows, alone, NONE)[0]!.dns.ruleId, 'dns_system_answer_unmatched');
  for (const order of ['tls-first', 'ctrl-first']) {
    const truth = new GroundTruth();
    const tls = (): void => truth.addObsWebRow(webRow({ ip, tls_is_certificate_valid: true, test_name: 'urlgetter' }));
    // a control that knows the hostname but not this ip
    const ctrl = (): void => truth.addCtrlRow(ctrlRow({ ip: '93.184.215.99', port: 443, tcp_success: true }));
    if (order === 'tls-first') (tls(), ctrl());
    else (ctrl(), tls());
    assert.equal(scoreRows(rows, truth, NONE)[0]!.dns.ruleId, 'tls_consistent_answer', order);
  }
});

test('ctrl_dns_answers_asns skips asn 0 and NULL; answer_asn_matches_ctrl compares ip_asn', () => {
  const truth = new GroundTruth();
  truth.addCtrlRow(ctrlRow({ ip: '93.184.215.14', dns_success: true, ip_asn: 15133 }));
  truth.addCtrlRow(ctrlRow({ ip: '93.184.215.15', dns_success: true, ip_asn: 0 }));
  const asn = (ipAsn: number | null): string => scoreRows([answerRow('93.184.216.1', { ip_asn: ipAsn })], truth, NONE)[0]!.dns.ruleId;
  assert.equal(asn(15133), 'answer_asn_matches_ctrl');
  assert.equal(asn(0), 'dns_system_answer_unmatched');
  assert.equal(asn(null), 'dns_system_answer_unmatched');
});

test('dns_answers: only system/getaddrinfo rows whose ip is an IP literal; shared by the partition', () => {
  const truth = new GroundTruth();
  truth.addCtrlRow(ctrlRow({ ip: '93.184.215.14', dns_success: true }));
  const rows = [
    // a DoH answer matching the control is not in dns_answers
    answerRow('93.184.215.14', { dns_engine: 'doh', observation_idx: 1 }),
    // the system resolver's answer row, unmatched
    answerRow('93.184.215.77', { observation_idx: 2 }),
    // a TCP-only row of the same hostname/family shares the system answers: [93.184.215.77]
    webRow({ ip: '93.184.215.14', port: 443, tcp_success: true, observation_idx: 3 }),
  ];
  const ids = scoreRows(rows, truth, NONE).map((v) => v.dns.ruleId);
  // row 1: partition answers [77] don't match; its engine is doh → none
  assert.deepEqual(ids, ['none', 'dns_system_answer_unmatched', 'none']);
});

test('tcp_ipv6_failure_rate is per report_id over the window when the truth saw the report', () => {
  const v6 = '2a00:1450:4001:c21::66';
  const failing = webRow({ ip: v6, port: 443, tcp_failure: 'generic_timeout_error', tcp_success: false, measurement_uid: 'm1' });
  const truth = new GroundTruth();
  truth.addCtrlRow(ctrlRow({ ip: v6, port: 443, tcp_success: true }));
  // another measurement of the same report connected over IPv6 twice: rate 1/3
  truth.addObsWebRow(failing);
  truth.addObsWebRow(webRow({ ip: v6, tcp_success: true, measurement_uid: 'm2' }));
  truth.addObsWebRow(webRow({ ip: v6, tcp_success: true, measurement_uid: 'm2' }));
  // rows of other tests and other reports do not count
  truth.addObsWebRow(webRow({ ip: v6, tcp_failure: 'x', test_name: 'urlgetter' }));
  assert.equal(scoreRows([failing], truth, NONE)[0]!.tcp.ruleId, 'failure_ctrl_ok');
  // without the window's rows of the report, the measurement's own rows are the report: rate 1
  const own = new GroundTruth();
  own.addCtrlRow(ctrlRow({ ip: v6, port: 443, tcp_success: true }));
  assert.equal(scoreRows([failing], own, NONE)[0]!.tcp.ruleId, 'ipv6_broken_probe');
});

test('DNS fingerprints: full patterns only, country of the probe, scope fp excluded', () => {
  const header = 'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes';
  const dns = [
    header,
    'ooni.it_1,isp,,dns,full,62.149.188.252,5,IT,ooni,,',
    'ooni.it_2,isp,,dns,full,62.149.188.253,5,"RU, IT",ooni,,',
    'ooni.xx_fp,fp,,dns,full,1.2.3.4,5,IT,ooni,,',
  ].join('\n');
  const http = header + '\nooni.h,isp,,body,contains,blocked,5,IT,ooni,,';
  const index = dnsFingerprintIndex(loadFingerprintsFromCsv({ dns, http }));
  const id = (answer: string, cc = 'IT'): string => scoreRows([answerRow(answer, { probe_cc: cc })], new GroundTruth(), index)[0]!.dns.ruleId;
  assert.equal(id('62.149.188.252'), 'country_consistent_blockpage');
  assert.equal(id('62.149.188.253'), 'country_consistent_blockpage');
  assert.equal(id('62.149.188.253', 'RU'), 'country_consistent_blockpage');
  assert.equal(id('62.149.188.252', 'DE'), 'dns_system_answer_unmatched');
  assert.equal(id('1.2.3.4'), 'dns_system_answer_unmatched');
});

test('control TCP rate per ip: 2 of 3 → failure_ctrl_ok; exactly 0.5 → failure_ctrl_also_failing', () => {
  const ip = '93.184.215.14';
  const failing = [webRow({ ip, port: 443, tcp_failure: 'generic_timeout_error', tcp_success: false })];
  const truth = (ok: number, bad: number): GroundTruth => {
    const t = new GroundTruth();
    for (let i = 0; i < ok; i++) t.addCtrlRow(ctrlRow({ ip, port: 443, tcp_success: true }));
    for (let i = 0; i < bad; i++) t.addCtrlRow(ctrlRow({ ip, port: 443, tcp_success: false, tcp_failure: 'generic_timeout_error' }));
    return t;
  };
  assert.equal(scoreRows(failing, truth(2, 1), NONE)[0]!.tcp.ruleId, 'failure_ctrl_ok');
  assert.equal(scoreRows(failing, truth(1, 1), NONE)[0]!.tcp.ruleId, 'failure_ctrl_also_failing');
  // another ip of the same host: the lookup misses (0), so neither control rule fires
  assert.equal(
    scoreRows([webRow({ ip: '93.184.215.15', port: 443, tcp_failure: 'x', tcp_success: false })], truth(2, 1), NONE)[0]!.tcp.ruleId,
    'none',
  );
});
