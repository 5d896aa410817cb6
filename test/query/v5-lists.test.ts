// GET /api/v1/observations and /api/v1/analysis on a hand-built set (ooni-data.md §9.2, §9.3, §10.5):
// defaults (7 / 30 days up to now, today included), every filter, ordering, real count/pages and a
// next_url that keeps the filters. The harness clock is 2024-01-15T12:00:00Z.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createQueryHarness, type QueryHarness } from '../helpers/query/harness.ts';
import { analysisRow, insertRows, obsRow } from '../helpers/query/v5-rows.ts';

let h: QueryHarness;

interface M {
  uid: string;
  mst: string;
  cc: string;
  asn: number;
  test: string;
  rows: number;
  extra?: Record<string, unknown>;
}
// default observations window: 2024-01-08T12:00Z <= t < 2024-01-15T12:00Z
const MEASUREMENTS: M[] = [
  { uid: 'u-a', mst: '2024-01-10 08:00:00.000', cc: 'IT', asn: 30722, test: 'web_connectivity', rows: 3 },
  {
    uid: 'u-b',
    mst: '2024-01-11 08:00:00.000',
    cc: 'TH',
    asn: 45758,
    test: 'web_connectivity',
    rows: 2,
    extra: {
      software_name: 'ooniprobe-android',
      software_version: '3.8.0',
      test_version: '0.4.2',
      engine_version: '3.19.0',
      ooni_run_link_id: '1234',
    },
  },
  { uid: 'u-c', mst: '2024-01-12 08:00:00.000', cc: 'IT', asn: 30722, test: 'whatsapp', rows: 2 },
  { uid: 'u-g', mst: '2024-01-13 08:00:00.000', cc: 'ZZ', asn: 0, test: 'web_connectivity', rows: 2 },
  { uid: 'u-d', mst: '2024-01-15 09:00:00.000', cc: 'US', asn: 7922, test: 'web_connectivity', rows: 2 }, // today
  { uid: 'u-e', mst: '2024-01-05 08:00:00.000', cc: 'IT', asn: 30722, test: 'web_connectivity', rows: 2 }, // 10 days ago
  { uid: 'u-f', mst: '2024-01-15 13:00:00.000', cc: 'IT', asn: 30722, test: 'web_connectivity', rows: 2 }, // after now
];
const reportId = (uid: string) => `20240110T080000Z_webconnectivity_IT_30722_n1_${uid.replace('-', '')}AAAAAAAAAAAA`;

before(async () => {
  h = await createQueryHarness();
  const obs = MEASUREMENTS.flatMap((m) =>
    Array.from({ length: m.rows }, (_, i) =>
      obsRow({
        measurement_uid: m.uid,
        report_id: reportId(m.uid),
        observation_idx: i + 1,
        measurement_start_time: m.mst,
        probe_cc: m.cc,
        probe_asn: m.asn,
        test_name: m.test,
        input: m.test === 'whatsapp' ? null : `https://${m.uid}.example/`,
        hostname: `${m.uid}.example`,
        target_id: null,
        ...m.extra,
      }),
    ),
  );
  await insertRows(h.deps.sql, 'obs_web', obs);
  const analysis = MEASUREMENTS.map((m) =>
    analysisRow({
      measurement_uid: m.uid,
      measurement_start_time: m.mst,
      probe_cc: m.cc,
      probe_asn: m.asn,
      test_name: m.test,
      input: `https://${m.uid}.example/`,
      domain: `${m.uid}.example`,
      ooni_run_link_id: (m.extra?.ooni_run_link_id as string | undefined) ?? '',
    }),
  );
  await insertRows(h.deps.sql, 'analysis_web_measurement', analysis);
});
after(() => h.close());

const uids = (body: any) => body.results.map((r: any) => r.measurement_uid);
const obsKeys = (body: any) => body.results.map((r: any) => `${r.measurement_uid}/${r.observation_idx}`);

test('observations: default window is the 7 days up to now (today in, after-now and older out), newest first', async () => {
  const { status, body } = await h.json('/api/v1/observations');
  assert.equal(status, 200);
  assert.deepEqual(obsKeys(body), ['u-d/2', 'u-d/1', 'u-g/2', 'u-g/1', 'u-c/2', 'u-c/1', 'u-b/2', 'u-b/1', 'u-a/3', 'u-a/2', 'u-a/1']);
  assert.deepEqual(body.metadata, {
    count: 11,
    current_page: 1,
    limit: 100,
    next_url: null,
    offset: 0,
    pages: 1,
    query_time: body.metadata.query_time,
  });
  assert.equal(typeof body.metadata.query_time, 'number');
});

test('observations: fields as stored, target_id falls back to the hostname, times ISO with milliseconds', async () => {
  const { body } = await h.json('/api/v1/observations?measurement_uid=u-b&order=asc');
  const r = body.results[0];
  assert.equal(r.measurement_start_time, '2024-01-11T08:00:00.000Z');
  assert.equal(r.created_at, '2024-11-01T10:05:00.000Z');
  assert.equal(r.target_id, 'u-b.example');
  assert.equal(r.probe_asn, 45758);
  assert.equal(r.resolver_asn_probe, 30722);
  assert.equal(r.probe_id, '');
  assert.equal(r.tcp_success, true);
  assert.deepEqual(r.tls_end_entity_certificate_san_list, []);
  assert.equal(r.ooni_run_link_id, '1234');
});

test('observations: pages carry the real count, pages, and a next_url with the filters; the last page has none', async () => {
  const first = await h.json('/api/v1/observations?probe_cc=IT&limit=2');
  assert.deepEqual(obsKeys(first.body), ['u-c/2', 'u-c/1']);
  assert.equal(first.body.metadata.count, 5);
  assert.equal(first.body.metadata.pages, 3);
  const next = new URL(first.body.metadata.next_url);
  assert.equal(next.origin, 'https://api.ooni.io');
  assert.equal(next.pathname, '/api/v1/observations');
  assert.equal(next.searchParams.get('probe_cc'), 'IT');
  assert.equal(next.searchParams.get('offset'), '2');
  const second = await h.json(`${next.pathname}${next.search}`);
  assert.deepEqual(obsKeys(second.body), ['u-a/3', 'u-a/2']);
  assert.equal(second.body.metadata.current_page, 2);
  const third = await h.json(`${new URL(second.body.metadata.next_url).pathname}${new URL(second.body.metadata.next_url).search}`);
  assert.deepEqual(obsKeys(third.body), ['u-a/1']);
  assert.equal(third.body.metadata.next_url, null);
  assert.equal(third.body.metadata.current_page, 3);
});

test('observations: each filter returns only its rows', async () => {
  const cases: [string, string[]][] = [
    ['probe_asn=45758', ['u-b']],
    ['probe_asn=AS45758', ['u-b']],
    ['probe_asn=0', ['u-g']],
    ['probe_cc=TH', ['u-b']],
    ['test_name=whatsapp', ['u-c']],
    ['software_name=ooniprobe-android', ['u-b']],
    ['software_version=3.8.0', ['u-b']],
    ['test_version=0.4.2', ['u-b']],
    ['engine_version=3.19.0', ['u-b']],
    ['ooni_run_link_id=1234', ['u-b']],
    // a report id or uid alone lifts the default window (u-e is 10 days old) ...
    [`report_id=${reportId('u-e')}`, ['u-e']],
    ['measurement_uid=u-e', ['u-e']],
    // ... but explicit bounds still apply
    ['measurement_uid=u-e&since=2024-01-06', []],
  ];
  for (const [q, expected] of cases) {
    const { status, body } = await h.json(`/api/v1/observations?${q}`);
    assert.equal(status, 200, q);
    assert.deepEqual([...new Set(uids(body))], expected, q);
  }
});

test('observations: since inclusive, until exclusive, dates or ISO datetimes', async () => {
  const cases: [string, string[]][] = [
    ['since=2024-01-11&until=2024-01-12', ['u-b']],
    ['since=2024-01-11T08:00:00Z&until=2024-01-11T08:00:01Z', ['u-b']],
    ['since=2024-01-11T08:00:00.001Z&until=2024-01-12T08:00:00Z', []],
    ['since=2024-01-01&until=2024-01-16', ['u-f', 'u-d', 'u-g', 'u-c', 'u-b', 'u-a', 'u-e']],
    ['since=2024-01-15T10:00:00%2B01:00', ['u-d']], // 09:00Z, up to now
  ];
  for (const [q, expected] of cases) {
    const { body } = await h.json(`/api/v1/observations?${q}`);
    assert.deepEqual([...new Set(uids(body))], expected, q);
  }
});

test('observations: order and order_by', async () => {
  assert.deepEqual(obsKeys((await h.json('/api/v1/observations?order=ASC&limit=2')).body), ['u-a/1', 'u-a/2']);
  const byAsn = await h.json('/api/v1/observations?order_by=probe_asn&order=asc');
  assert.deepEqual(
    [...new Set(uids(byAsn.body))],
    ['u-g', 'u-d', 'u-a', 'u-c', 'u-b'].sort((a, b) => asnOf(a) - asnOf(b) || (a < b ? -1 : 1)),
  );
  const byCc = await h.json('/api/v1/observations?order_by=probe_cc&order=desc');
  assert.deepEqual(
    byCc.body.results.map((r: any) => r.probe_cc),
    ['ZZ', 'ZZ', 'US', 'US', 'TH', 'TH', 'IT', 'IT', 'IT', 'IT', 'IT'],
  );
  const byTest = await h.json('/api/v1/observations?order_by=test_name&order=desc&limit=2');
  assert.deepEqual(uids(byTest.body), ['u-c', 'u-c']);
  const byInput = await h.json('/api/v1/observations?order_by=input&order=asc&limit=1');
  assert.equal(byInput.body.results[0].input, 'https://u-a.example/');
});
const asnOf = (uid: string) => MEASUREMENTS.find((m) => m.uid === uid)!.asn;

test('analysis: default window is the 30 days up to now; filters, order, pagination', async () => {
  const all = await h.json('/api/v1/analysis');
  assert.equal(all.status, 200);
  assert.deepEqual(uids(all.body), ['u-d', 'u-g', 'u-c', 'u-b', 'u-a', 'u-e']);
  assert.equal(all.body.metadata.count, 6);
  const r = all.body.results[0];
  assert.equal(r.measurement_start_time, '2024-01-15T09:00:00.000Z');
  for (const k of ['top_dns_rule_id', 'top_tcp_rule_id', 'top_tls_rule_id', 'dns_blocked', 'tls_ok', 'analysis_rules_version']) assert.ok(k in r, k);
  assert.equal(r.dns_ok, 1);
  const cases: [string, string[]][] = [
    ['probe_asn=AS45758', ['u-b']],
    ['probe_asn=0', ['u-g']],
    ['probe_cc=IT', ['u-c', 'u-a', 'u-e']],
    ['test_name=whatsapp', ['u-c']],
    ['ooni_run_link_id=1234', ['u-b']],
    ['measurement_uid=u-f', ['u-f']],
    ['order=asc&probe_cc=IT', ['u-e', 'u-a', 'u-c']],
    ['since=2024-01-11&until=2024-01-12T08:00:00', ['u-b']],
  ];
  for (const [q, expected] of cases) assert.deepEqual(uids((await h.json(`/api/v1/analysis?${q}`)).body), expected, q);
  const page = await h.json('/api/v1/analysis?limit=4&probe_cc=IT');
  assert.equal(page.body.metadata.count, 3);
  assert.equal(page.body.metadata.pages, 1);
  assert.equal(page.body.metadata.next_url, null);
  const paged = await h.json('/api/v1/analysis?limit=4&offset=4');
  assert.deepEqual(uids(paged.body), ['u-a', 'u-e']);
  assert.equal(paged.body.metadata.current_page, 2);
  assert.equal(paged.body.metadata.next_url, null);
  const first = await h.json('/api/v1/analysis?limit=4&test_name=web_connectivity');
  assert.equal(first.body.metadata.count, 5);
  const next = new URL(first.body.metadata.next_url);
  assert.equal(next.searchParams.get('test_name'), 'web_connectivity');
  assert.equal(next.searchParams.get('offset'), '4');
});
