// Each rule's ported condition against its verbatim SQL (evaluated by test/helpers/unit/sql-eval.ts)
// on many scopes drawn from hand-picked values, NULL and NaN included: the same three-valued result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DNS_RULES } from '../../../domain/analysis/rules/dns.ts';
import { TCP_RULES } from '../../../domain/analysis/rules/tcp.ts';
import { TLS_RULES } from '../../../domain/analysis/rules/tls.ts';
import type { Rule, TlsScope } from '../../../domain/analysis/rules/types.ts';
import { evalSql } from '../../helpers/unit/sql-eval.ts';
import { mulberry32 } from '../../../domain/seeded-random.ts';

const POOLS: { [K in keyof TlsScope]: readonly TlsScope[K][] } = {
  dns_answers: [[], ['93.184.215.14'], ['93.184.215.14', '10.0.0.1']],
  dns_failure: [null, 'dns_nxdomain_error', 'android_dns_cache_no_data'],
  dns_engine: [null, 'system', 'getaddrinfo', 'udp', 'doh'],
  dns_blocking_country_consistent: [0, 1],
  dns_tls_consistent: [0, 1],
  dns_tls_inconsistent: [0, 1],
  dns_answers_contain_bogon: [0, 1],
  dns_answer_matches_ctrl: [0, 1],
  dns_answer_asn_matches_ctrl: [0, 1],
  ctrl_dns_success_rate: [NaN, 0, 0.25, 0.5, 0.75, 1],
  tcp_success: [null, 0, 1],
  tcp_failure: [null, 'generic_timeout_error', 'connection_refused'],
  ip_is_v6: [null, 0, 1],
  tcp_ipv6_failure_rate: [NaN, 0, 0.5, 0.75, 1],
  ctrl_tcp_success_count: [null, 0, 1, 3],
  ctrl_tcp_failing_count: [null, 0, 1, 3],
  ctrl_tcp_success_rate: [null, 0, 0.5, 0.6666666865348816, 1],
  tls_is_certificate_valid: [null, 0, 1],
  tls_failure: [null, 'ssl_invalid_hostname', 'sslx_error', 'connection_reset', 'generic_timeout_error'],
  ctrl_tls_success_count: [null, 0, 1, 3],
  ctrl_tls_failing_count: [null, 0, 1, 3],
  ctrl_tls_success_rate: [null, 0, 0.5, 0.6666666865348816, 1],
  dns_blocked: [0, 0.1, 0.2, 0.75, 0.9, 0.95, 1],
  dns_down: [0, 0.05, 0.1, 0.5, 0.9],
  dns_ok: [0, 0.05, 0.25, 0.8, 0.9, 1],
  tcp_blocked: [0, 0.25, 0.75],
  tcp_down: [0, 0.25, 0.75],
  tcp_ok: [0, 1],
};

function scopes(n: number): TlsScope[] {
  const next = mulberry32(13);
  const out: TlsScope[] = [];
  for (let i = 0; i < n; i++) {
    const s: Record<string, unknown> = {};
    for (const [k, pool] of Object.entries(POOLS)) s[k] = (pool as unknown[])[Math.floor(next() * (pool as unknown[]).length)];
    out.push(s as unknown as TlsScope);
  }
  return out;
}

const SCOPES = scopes(20000);
const LAYERS: [string, readonly Rule<TlsScope>[]][] = [
  ['dns', DNS_RULES],
  ['tcp', TCP_RULES],
  ['tls', TLS_RULES],
];

for (const [layer, rules] of LAYERS) {
  test(`${layer}: every condition gives its SQL's three-valued result (20 000 scopes)`, () => {
    for (const rule of rules) {
      const seen = new Set<string>();
      for (const scope of SCOPES) {
        const want = evalSql(rule.sql, scope as unknown as Record<string, unknown>);
        const got = rule.condition(scope);
        seen.add(String(want));
        if (got !== want) assert.fail(`${rule.id}: condition ${String(got)}, SQL ${String(want)} on ${JSON.stringify(scope)}`);
      }
      // the scopes exercise both outcomes of every rule
      assert.ok(seen.has('true') && seen.has('false'), `${rule.id}: outcomes seen ${[...seen].join(', ')}`);
    }
  });
}

test('the SQL evaluator itself: NULL logic by hand', () => {
  assert.equal(evalSql('x != 1 AND y IS NULL', { x: null, y: null }), null);
  assert.equal(evalSql('x != 1 AND y IS NULL', { x: null, y: 'a' }), false);
  assert.equal(evalSql('x > 0.5', { x: NaN }), false);
  assert.equal(evalSql('x <= 0.5', { x: NaN }), false);
  assert.equal(evalSql("e IN ('system', 'getaddrinfo')", { e: null }), null);
  assert.equal(evalSql('a <= (b + c)', { a: 0.25, b: 0.2, c: 0 }), false);
  assert.equal(evalSql('length(xs) = 0', { xs: [] }), true);
});
