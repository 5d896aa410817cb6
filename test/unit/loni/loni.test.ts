// LoNI of one aggregation cell (ooni-data.md §6 point 2): failure mapping, the Float32 weight,
// topKWeighted, likely_blocked_protocols and blocked_max. Expected values worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockedWeight, loniFailure } from '../../../domain/loni/failures.ts';
import { LONI_SCORES, loniOf, type LoniScore } from '../../../domain/loni/loni.ts';
import { topKWeighted, type FailureWeight } from '../../../domain/loni/top-k.ts';

const zeros = () => Object.fromEntries(LONI_SCORES.map((s) => [s, 0])) as Record<LoniScore, number | null>;

test('DNS failures: NULL is got_answer, the two no-such-name strings are nxdomain, unknown_failure collapsed', () => {
  assert.equal(loniFailure('dns', null), 'got_answer');
  assert.equal(loniFailure('dns', 'dns_nxdomain_error'), 'nxdomain');
  assert.equal(loniFailure('dns', 'android_dns_cache_no_data'), 'nxdomain');
  assert.equal(loniFailure('dns', 'unknown_failure: lookup example.org on 10.0.0.1:53: no such host'), 'unknown_failure');
  assert.equal(loniFailure('dns', 'generic_timeout_error'), 'generic_timeout_error');
});

test('TCP/TLS failures: NULL is not counted, unknown_failure collapsed, others as they are', () => {
  assert.equal(loniFailure('tcp', null), null);
  assert.equal(loniFailure('tls', null), null);
  assert.equal(loniFailure('tcp', 'unknown_failure: read tcp: i/o'), 'unknown_failure');
  assert.equal(loniFailure('tls', 'connection_reset'), 'connection_reset');
  // only the DNS layer knows nxdomain
  assert.equal(loniFailure('tcp', 'dns_nxdomain_error'), 'dns_nxdomain_error');
});

test('weight: trunc(blocked × 100) of the stored Float32 in double precision, so 0.9 weighs 89', () => {
  // Math.fround(0.9) = 0.89999997615814208984375; × 100 = 89.99999761581421 → 89
  assert.equal(blockedWeight(0.9), 89);
  assert.equal(blockedWeight(0.75), 75); // exact in Float32
  assert.equal(blockedWeight(1), 100);
  assert.equal(blockedWeight(0.5), 50);
  assert.equal(blockedWeight(0.1), 10); // Float32 0.1 is 0.100000001490116…, above 0.1
  assert.equal(blockedWeight(0), 0);
});

test('topKWeighted: sums per mapped label, largest first, ties by label, at most k', () => {
  const rows: FailureWeight[] = [
    { layer: 'dns', failure: 'dns_nxdomain_error', weight: 50 },
    { layer: 'dns', failure: 'android_dns_cache_no_data', weight: 40 },
    { layer: 'dns', failure: null, weight: 0 },
    { layer: 'dns', failure: 'generic_timeout_error', weight: 89 },
    { layer: 'tcp', failure: 'connection_reset', weight: 1000 },
  ];
  assert.deepEqual(topKWeighted(rows, 'dns'), [
    ['nxdomain', 90],
    ['generic_timeout_error', 89],
    ['got_answer', 0],
  ]);
  assert.deepEqual(topKWeighted(rows, 'dns', 1), [['nxdomain', 90]]);
  const tie: FailureWeight[] = [
    { layer: 'tls', failure: 'ssl_invalid_hostname', weight: 5 },
    { layer: 'tls', failure: 'connection_reset', weight: 5 },
    { layer: 'tls', failure: null, weight: 100 },
  ];
  assert.deepEqual(topKWeighted(tie, 'tls'), [
    ['connection_reset', 5],
    ['ssl_invalid_hostname', 5],
  ]);
  const many = Array.from({ length: 12 }, (_, i): FailureWeight => ({ layer: 'tcp', failure: `f${String(i).padStart(2, '0')}`, weight: i }));
  assert.deepEqual(
    topKWeighted(many, 'tcp').map(([f]) => f),
    ['f11', 'f10', 'f09', 'f08', 'f07', 'f06', 'f05', 'f04', 'f03', 'f02'],
  );
});

test('likely_blocked_protocols: layers with q95 blocked > 0.5, largest first; blocked_max from the first', () => {
  const q95 = { ...zeros(), dns_blocked: 0.6, tcp_blocked: 0.75, tls_blocked: 0.5 };
  const failures: FailureWeight[] = [
    { layer: 'dns', failure: 'dns_nxdomain_error', weight: 60 },
    { layer: 'tcp', failure: 'generic_timeout_error', weight: 75 },
    { layer: 'tls', failure: 'connection_reset', weight: 50 },
  ];
  const loni = loniOf(q95, failures);
  assert.deepEqual(loni.likely_blocked_protocols, [
    ['tcp.generic_timeout_error', 0.75],
    ['dns.nxdomain', 0.6],
  ]);
  assert.equal(loni.blocked_max_outcome, 'tcp.generic_timeout_error');
  assert.equal(loni.blocked_max, 0.75);
  assert.equal(loni.dns_blocked_outcome, 'nxdomain');
  assert.equal(loni.tls_blocked_outcome, 'connection_reset'); // 0.5 is not > 0.5, but the outcome is still named
});

test('nothing above 0.5: none and 0; NaN scores are null and never likely; a blocked layer without failures is named alone', () => {
  const calm = loniOf(zeros(), [{ layer: 'dns', failure: null, weight: 0 }]);
  assert.deepEqual(calm.likely_blocked_protocols, []);
  assert.equal(calm.blocked_max_outcome, 'none');
  assert.equal(calm.blocked_max, 0);
  assert.equal(calm.dns_blocked_outcome, 'got_answer');
  assert.equal(calm.tcp_blocked_outcome, null);

  const odd = loniOf({ ...zeros(), dns_blocked: Number.NaN, tls_blocked: 0.9, tcp_ok: null }, []);
  assert.equal(odd.dns_blocked, null);
  assert.equal(odd.tcp_ok, null);
  assert.deepEqual(odd.likely_blocked_protocols, [['tls', 0.9]]);
  assert.equal(odd.blocked_max_outcome, 'tls');
});
