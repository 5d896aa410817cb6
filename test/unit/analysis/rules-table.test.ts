// The rule tables against ooni-data.md §5.3 (transcribed by hand below: id, verbatim SQL, triple,
// evidence, outcome class, in cascade order) and the rule facts upstream's tests assert (§10.3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DNS_RULES } from '../../../domain/analysis/rules/dns.ts';
import { NO_MATCH_RULE_ID } from '../../../domain/analysis/rules/evaluate.ts';
import { TCP_RULES } from '../../../domain/analysis/rules/tcp.ts';
import { TLS_RULES } from '../../../domain/analysis/rules/tls.ts';
import type { LayerVerdict, Rule } from '../../../domain/analysis/rules/types.ts';
import { topRuleId } from '../../../domain/analysis/aggregate.ts';
import { RULES_VERSION } from '../../../domain/analysis/rules/version.ts';

// evidence: N = NONE 0, D = DISCARDED 1, S = SCORED 2; class: U = UNKNOWN 0, O = OK 1, W = DOWN 2, B = BLOCKED 3
type Row = [id: string, sql: string, triple: [number, number, number], evidence: 'N' | 'D' | 'S', cls: 'U' | 'O' | 'W' | 'B'];
const EVIDENCE = { N: 0, D: 1, S: 2 };
const CLASS = { U: 0, O: 1, W: 2, B: 3 };
const TLS_CTRL_OK = 'tls_failure IS NOT NULL AND ctrl_tls_success_rate > 0.5 AND ctrl_tls_success_count > 0';

const DNS: Row[] = [
  ['no_dns_data', 'length(dns_answers) = 0 AND dns_failure IS NULL', [0, 0, 0], 'N', 'U'],
  ['country_consistent_blockpage', 'dns_blocking_country_consistent', [1.0, 0, 0], 'S', 'B'],
  ['tls_consistent_answer', 'dns_tls_consistent > 0', [0, 0, 1.0], 'S', 'O'],
  ['bogon_not_in_ctrl', 'dns_answers_contain_bogon > 0 AND dns_answer_matches_ctrl = 0', [0.95, 0.05, 0], 'S', 'B'],
  ['bogon_in_ctrl', 'dns_answers_contain_bogon > 0 AND dns_answer_matches_ctrl > 0', [0.1, 0.9, 0], 'S', 'W'],
  ['tls_inconsistent_not_in_ctrl', 'dns_tls_inconsistent > 0 AND dns_answer_matches_ctrl = 0', [0.9, 0.05, 0.05], 'S', 'B'],
  ['answer_matches_ctrl', 'dns_answer_matches_ctrl > 0', [0, 0, 0.9], 'S', 'O'],
  ['answer_asn_matches_ctrl', 'dns_answer_asn_matches_ctrl > 0', [0.2, 0, 0.8], 'S', 'O'],
  [
    'dns_system_failure_ctrl_also_failing',
    "dns_engine IN ('system', 'getaddrinfo') AND dns_failure IS NOT NULL AND ctrl_dns_success_rate <= 0.5",
    [0.1, 0.9, 0],
    'S',
    'W',
  ],
  [
    'dns_system_failure_ctrl_ok',
    "dns_engine IN ('system', 'getaddrinfo') AND dns_failure IS NOT NULL AND ctrl_dns_success_rate > 0.5",
    [0.9, 0.1, 0],
    'S',
    'B',
  ],
  ['dns_system_failure_no_ctrl', "dns_engine IN ('system', 'getaddrinfo') AND dns_failure IS NOT NULL", [0.5, 0.5, 0], 'S', 'U'],
  ['dns_system_answer_unmatched', "dns_engine IN ('system', 'getaddrinfo') AND dns_failure IS NULL", [0.75, 0, 0.25], 'S', 'B'],
];
const TCP: Row[] = [
  ['no_tcp_data', 'tcp_success != 1 AND tcp_failure IS NULL', [0, 0, 0], 'N', 'U'],
  ['connect_ok', 'tcp_failure IS NULL AND tcp_success = 1', [0, 0, 1.0], 'S', 'O'],
  ['ipv6_broken_probe', 'tcp_failure IS NOT NULL AND ip_is_v6 = 1 AND tcp_ipv6_failure_rate > 0.5', [0, 0, 0], 'D', 'U'],
  ['failure_ctrl_ok', 'tcp_failure IS NOT NULL AND ctrl_tcp_success_rate > 0.5 AND ctrl_tcp_success_count > 0', [0.75, 0.25, 0], 'S', 'B'],
  ['dns_untrusted', 'dns_blocked > 0 AND dns_ok <= (dns_blocked + dns_down)', [0, 0, 0], 'D', 'U'],
  ['failure_ctrl_also_failing', 'tcp_failure IS NOT NULL AND ctrl_tcp_success_rate <= 0.5 AND ctrl_tcp_failing_count > 0', [0.25, 0.75, 0], 'S', 'W'],
];
const TLS: Row[] = [
  ['no_tls_data', 'tls_is_certificate_valid IS NULL AND tls_failure IS NULL', [0, 0, 0], 'N', 'U'],
  ['certificate_valid', 'tls_is_certificate_valid = 1', [0, 0, 1.0], 'S', 'O'],
  ['failure_ctrl_ok_ssl', `${TLS_CTRL_OK} AND startsWith(tls_failure, 'ssl_')`, [0.9, 0.1, 0], 'S', 'B'],
  ['failure_ctrl_ok_reset', `${TLS_CTRL_OK} AND tls_failure = 'connection_reset'`, [0.8, 0.2, 0], 'S', 'B'],
  ['failure_ctrl_ok_other', TLS_CTRL_OK, [0.7, 0.3, 0], 'S', 'B'],
  ['dns_untrusted', 'dns_blocked > 0 AND dns_ok <= (dns_blocked + dns_down)', [0, 0, 0], 'D', 'U'],
  ['tcp_blocked', 'tcp_blocked > 0 AND tcp_ok <= (tcp_blocked + tcp_down)', [0, 0, 0], 'D', 'U'],
  ['failure_ctrl_also_failing', 'tls_failure IS NOT NULL AND ctrl_tls_success_rate <= 0.5 AND ctrl_tls_failing_count > 0', [0.2, 0.8, 0], 'S', 'W'],
];

const LAYERS: [string, readonly Rule<never>[], Row[]][] = [
  ['dns', DNS_RULES, DNS],
  ['tcp', TCP_RULES, TCP],
  ['tls', TLS_RULES, TLS],
];

test('RULES_VERSION is 2 (upstream rules.py at c8fcc72)', () => {
  assert.equal(RULES_VERSION, 2);
});

for (const [layer, rules, expected] of LAYERS) {
  test(`${layer}: ids, order, SQL, triples, evidence and classes match ooni-data.md §5.3`, () => {
    assert.deepEqual(
      rules.map((r) => [r.id, r.sql, [r.blocked, r.down, r.ok], r.evidence, r.outcome]),
      expected.map(([id, sql, triple, ev, cls]) => [id, sql, triple, EVIDENCE[ev], CLASS[cls]]),
    );
  });
}

// §10.3
const ranking = (r: Rule<never>): [number, number, string] => [r.evidence, r.blocked, r.id];
const compare = (a: [number, number, string], b: [number, number, string]): number =>
  a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);

for (const [layer, rules] of LAYERS) {
  test(`${layer}: §10.3 rule facts`, () => {
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'ids unique per layer');
    assert.ok(!ids.includes(NO_MATCH_RULE_ID), 'no rule is called none');
    for (const r of rules) {
      for (const w of [r.blocked, r.down, r.ok]) assert.ok(w >= 0 && w <= 1, `${r.id}: weight ${w} in [0, 1]`);
      assert.ok(r.blocked + r.down + r.ok <= 1 + 1e-9, `${r.id}: triple sums to at most 1`);
      assert.ok(r.comment.trim().length > 0, `${r.id}: has a comment`);
      const zero = r.blocked === 0 && r.down === 0 && r.ok === 0;
      if (r.evidence === 2) assert.ok(!zero, `${r.id}: SCORED is never (0, 0, 0)`);
      else assert.ok(zero, `${r.id}: non-SCORED is always (0, 0, 0)`);
    }
    assert.ok(
      rules.some((r) => r.evidence === 0),
      'every layer has a NONE rule',
    );
    // ranking key (evidence, blocked, rule_id): NONE < DISCARDED < SCORED, no two rules tie
    for (const a of rules) {
      for (const b of rules) {
        if (a === b) continue;
        assert.notEqual(compare(ranking(a), ranking(b)), 0, `${a.id} and ${b.id} tie`);
        if (a.evidence < b.evidence) assert.ok(compare(ranking(a), ranking(b)) < 0, `${a.id} ranks below ${b.id}`);
      }
    }
  });
}

test('the last DNS rule is dns_system_answer_unmatched; failure_ctrl_ok_ssl and _reset precede _other', () => {
  assert.equal(DNS_RULES.at(-1)!.id, 'dns_system_answer_unmatched');
  const tls = TLS_RULES.map((r) => r.id);
  assert.ok(tls.indexOf('failure_ctrl_ok_ssl') < tls.indexOf('failure_ctrl_ok_other'));
  assert.ok(tls.indexOf('failure_ctrl_ok_reset') < tls.indexOf('failure_ctrl_ok_other'));
});

test('topRuleId ranks by (evidence, blocked, rule_id) only: NONE below DISCARDED below SCORED, down/ok ignored', () => {
  for (const [, rules] of LAYERS) {
    for (const a of rules) {
      for (const b of rules) {
        if (a === b) continue;
        const winner = compare(ranking(a), ranking(b)) > 0 ? a.id : b.id;
        const verdict = (r: Rule<never>, flip: boolean): LayerVerdict => ({
          ruleId: r.id,
          blocked: r.blocked,
          down: flip ? 1 - r.down : r.down,
          ok: flip ? 1 - r.ok : r.ok,
          evidence: r.evidence,
        });
        for (const flip of [false, true]) {
          assert.equal(topRuleId([verdict(a, flip), verdict(b, !flip)]), winner);
          assert.equal(topRuleId([verdict(b, flip), verdict(a, !flip)]), winner);
        }
      }
    }
  }
});
