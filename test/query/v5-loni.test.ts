// GET /api/v1/aggregation/analysis LoNI on cells whose values are worked out by hand (ooni-data.md
// §6 point 2): q95 with linear interpolation, the Float32 weight (0.9 weighs 89), outcomes,
// likely_blocked_protocols, NaN → null; axes and filters; the Explorer's MAT v5 requests.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createQueryHarness, type QueryHarness } from '../helpers/query/harness.ts';
import { analysisRow, insertRows, obsRow } from '../helpers/query/v5-rows.ts';

let h: QueryHarness;
const DAY = '2024-11-01';
const WINDOW = 'since=2024-11-01&until=2024-11-02';
let n = 0;
const row = (o: Parameters<typeof analysisRow>[0]) =>
  analysisRow({ measurement_uid: `l-${n++}`, measurement_start_time: `${DAY} 10:00:00.000`, ...o });

before(async () => {
  h = await createQueryHarness();
  await insertRows(h.deps.sql, 'analysis_web_measurement', [
    // IT: dns_blocked 0, 0, 0.5, 0.9, 1 → q95 = 0.9 + 0.8 × (1 − 0.9) (positions 0…4, 0.95 × 4 = 3.8)
    row({ probe_cc: 'IT', dns_blocked: 0, dns_ok: 1 }),
    row({ probe_cc: 'IT', dns_blocked: 0, dns_ok: 1 }),
    row({ probe_cc: 'IT', dns_blocked: 0.5, dns_ok: 0.5, top_dns_failure: 'dns_nxdomain_error' }),
    row({ probe_cc: 'IT', dns_blocked: 0.9, dns_ok: 0.1, top_dns_failure: 'android_dns_cache_no_data' }),
    row({ probe_cc: 'IT', dns_blocked: 1, dns_ok: 0, top_dns_failure: 'generic_timeout_error' }),
    // BR: TLS 0.9 connection_reset (weight 89) against 3 × 0.3 ssl_invalid_hostname (Float32 0.3 > 0.3: 30 each = 90).
    // Were 0.9 to weigh 90 the tie would go to connection_reset (byte order).
    row({ probe_cc: 'BR', probe_asn: 28573, tls_blocked: 0.9, tls_ok: 0.1, top_tls_failure: 'connection_reset' }),
    row({ probe_cc: 'BR', probe_asn: 28573, tls_blocked: 0.3, tls_ok: 0.7, top_tls_failure: 'ssl_invalid_hostname' }),
    row({ probe_cc: 'BR', probe_asn: 28573, tls_blocked: 0.3, tls_ok: 0.7, top_tls_failure: 'ssl_invalid_hostname' }),
    row({ probe_cc: 'BR', probe_asn: 28573, tls_blocked: 0.3, tls_ok: 0.7, top_tls_failure: 'ssl_invalid_hostname' }),
    // FR: a NaN score
    row({ probe_cc: 'FR', probe_asn: 3215, dns_down: Number.NaN, tcp_blocked: 0.75, tcp_ok: 0.25, top_tcp_failure: 'unknown_failure: read: eof' }),
    // other test, domain, input and a run link, to check filters
    row({
      probe_cc: 'IR',
      probe_asn: 197207,
      test_name: 'whatsapp',
      domain: 'web.whatsapp.com',
      input: 'https://web.whatsapp.com/',
      ooni_run_link_id: '9',
    }),
    row({ probe_cc: 'IR', probe_asn: 197207, domain: 'zh.wikipedia.org', input: 'https://zh.wikipedia.org/' }),
  ]);
  await insertRows(h.deps.sql, 'obs_web', [
    obsRow({ measurement_uid: 'o-1', measurement_start_time: `${DAY} 10:00:00.000`, dns_failure: 'dns_nxdomain_error', ip: null }),
    obsRow({ measurement_uid: 'o-2', measurement_start_time: `${DAY} 11:00:00.000` }),
    obsRow({ measurement_uid: 'o-3', measurement_start_time: `${DAY} 11:00:00.000`, hostname: 'other.example', probe_cc: 'BR' }),
  ]);
});
after(() => h.close());

const f32 = Math.fround;
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);

async function cells(q: string) {
  const { status, body } = await h.json(`/api/v1/aggregation/analysis?${q}`);
  assert.equal(status, 200, q);
  return body;
}

test('q95 by linear interpolation; DNS outcome by summed weight (nxdomain 50 + 89 > timeout 100)', async () => {
  const body = await cells(`axis_x=probe_cc&${WINDOW}`);
  assert.deepEqual(
    body.results.map((r: any) => [r.probe_cc, r.count]),
    [
      ['BR', 4],
      ['FR', 1],
      ['IR', 2],
      ['IT', 5],
    ],
  );
  const it = body.results.find((r: any) => r.probe_cc === 'IT').loni;
  const q = f32(0.9) + 0.8 * (1 - f32(0.9));
  close(it.dns_blocked, q, 'dns_blocked');
  assert.equal(it.dns_ok, 1); // sorted 0, 0.1, 0.5, 1, 1: position 3.8 lies between the two 1s
  assert.equal(it.dns_blocked_outcome, 'nxdomain');
  assert.equal(it.tcp_blocked_outcome, null);
  assert.deepEqual(it.likely_blocked_protocols, [['dns.nxdomain', it.dns_blocked]]);
  assert.equal(it.blocked_max_outcome, 'dns.nxdomain');
  close(it.blocked_max, q, 'blocked_max');
  assert.equal(it.tcp_blocked, 0);
});

test('a stored 0.9 weighs 89: three 0.3 (30 each) outweigh it', async () => {
  const br = (await cells(`axis_x=probe_cc&probe_cc=BR&${WINDOW}`)).results;
  assert.equal(br.length, 1);
  const loni = br[0].loni;
  assert.equal(loni.tls_blocked_outcome, 'ssl_invalid_hostname');
  // sorted 0.3, 0.3, 0.3, 0.9: 0.95 × 3 = 2.85 → 0.3 + 0.85 × (0.9 − 0.3)
  close(loni.tls_blocked, f32(0.3) + 0.85 * (f32(0.9) - f32(0.3)), 'tls_blocked');
  assert.deepEqual(loni.likely_blocked_protocols, [['tls.ssl_invalid_hostname', loni.tls_blocked]]);
  assert.equal(br[0].probe_cc, 'BR');
});

test('NaN is null; unknown_failure collapsed in outcomes', async () => {
  const fr = (await cells(`axis_x=probe_cc&probe_cc=FR&${WINDOW}`)).results[0].loni;
  assert.equal(fr.dns_down, null);
  assert.equal(fr.tcp_blocked, 0.75);
  assert.equal(fr.tcp_blocked_outcome, 'unknown_failure');
  assert.equal(fr.dns_blocked_outcome, 'got_answer');
  assert.deepEqual(fr.likely_blocked_protocols, [['tcp.unknown_failure', 0.75]]);
});

test('axis_y, filters that echo back, and the grouping they add', async () => {
  const two = await cells(`axis_x=measurement_start_day&axis_y=probe_asn&probe_cc=BR&${WINDOW}`);
  assert.equal(two.dimension_count, 2);
  assert.deepEqual(
    two.results.map((r: any) => [r.measurement_start_day, r.probe_asn, r.probe_cc, r.count]),
    [['2024-11-01T00:00:00', 28573, 'BR', 4]],
  );
  const cases: [string, string, unknown][] = [
    ['domain=zh.wikipedia.org', 'domain', 'zh.wikipedia.org'],
    ['probe_cc=IR', 'probe_cc', 'IR'],
    ['probe_asn=AS197207', 'probe_asn', 197207],
    ['test_name=whatsapp', 'test_name', 'whatsapp'],
    ['input=https://web.whatsapp.com/', 'input', 'https://web.whatsapp.com/'],
    ['measurement_uid=l-0', 'measurement_uid', 'l-0'],
    ['ooni_run_link_id=9', 'ooni_run_link_id', '9'],
  ];
  for (const [q, key, value] of cases) {
    const { results } = await cells(`${q}&${WINDOW}`);
    assert.ok(results.length > 0, q);
    assert.ok(
      results.every((r: any) => r[key] === value && r.measurement_start_day !== null),
      q,
    );
  }
  const ir = await cells(`axis_x=domain&probe_cc=IR&${WINDOW}`);
  assert.deepEqual(
    ir.results.map((r: any) => [r.domain, r.count]),
    [
      ['web.whatsapp.com', 1],
      ['zh.wikipedia.org', 1],
    ],
  );
  const same = await h.json(`/api/v1/aggregation/analysis?axis_x=probe_cc&axis_y=probe_cc&${WINDOW}`);
  assert.equal(same.status, 400);
  assert.equal(same.body.error, 'axes_equal');
});

test('Explorer MAT v5: the analysis and observations requests its chart sends answer 200 with the shapes it reads', async () => {
  // components/MATChart: data=analysis → /aggregation/analysis with the rest of the form (empty fields included)
  const analysis = await cells(
    `test_name=web_connectivity&axis_x=measurement_start_day&since=2024-11-01&until=2024-11-02&time_grain=day&probe_cc=IT&probe_asn=&domain=&category_code=&axis_y=`,
  );
  assert.equal(analysis.dimension_count, 1);
  assert.equal(analysis.results.length, 1);
  const cell = analysis.results[0];
  assert.equal(cell.measurement_start_day, '2024-11-01T00:00:00');
  assert.equal(cell.count, 5);
  assert.equal(typeof cell.loni.blocked_max_outcome, 'string');
  // data=observations → /aggregation/observations?group_by=failure&group_by=timestamp&… (axis_x, axis_y, domain dropped; data kept)
  const { status, body } = await h.json(
    `/api/v1/aggregation/observations?group_by=failure&group_by=timestamp&data=observations&test_name=web_connectivity&since=2024-11-01&until=2024-11-02&time_grain=day&probe_cc=IT`,
  );
  assert.equal(status, 200);
  assert.deepEqual(body.results, [
    { observation_count: 1, failure: 'dns_isp.dns_nxdomain_error', timestamp: '2024-11-01T00:00:00', probe_cc: 'IT', test_name: 'web_connectivity' },
    { observation_count: 1, failure: 'none', timestamp: '2024-11-01T00:00:00', probe_cc: 'IT', test_name: 'web_connectivity' },
  ]);
  // a domain becomes hostname=…, axis_y=domain becomes group_by=hostname
  const byHost = await h.json(
    `/api/v1/aggregation/observations?group_by=failure&group_by=timestamp&group_by=hostname&hostname=other.example&data=observations&test_name=web_connectivity&since=2024-11-01&until=2024-11-02&time_grain=day`,
  );
  assert.deepEqual(byHost.body.results, [
    { observation_count: 1, failure: 'none', timestamp: '2024-11-01T00:00:00', hostname: 'other.example', test_name: 'web_connectivity' },
  ]);
});
