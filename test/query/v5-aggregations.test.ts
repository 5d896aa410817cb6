// GET /api/v1/aggregation/observations, /aggregation/observations/ctrl and /aggregation/analysis
// on hand-built rows whose answers are worked out below (ooni-data.md §6, §9.4–§9.6, §10.5): time
// grains, the failure breakdown, filters that also group, LoNI values, and the Explorer's MAT v5 calls.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createQueryHarness, type QueryHarness } from '../helpers/query/harness.ts';
import { analysisRow, ctrlRow, insertRows, obsRow } from '../helpers/query/v5-rows.ts';

let h: QueryHarness;

// Nov 1-9 2024 at 00:00 and 12:00 (18 hours, 9 days); Nov 3 also at 12:30 (same hour); one at
// Nov 10 00:00 (outside until=2024-11-10). Nov 1 2024 is a Friday: Sunday weeks Oct 27 and Nov 3.
const TIMES = [
  ...Array.from({ length: 9 }, (_, i) => [`2024-11-0${i + 1} 00:00:00.000`, `2024-11-0${i + 1} 12:00:00.000`]).flat(),
  '2024-11-03 12:30:00.000',
  '2024-11-10 00:00:00.000',
];
const WINDOW = 'since=2024-11-01&until=2024-11-10';

before(async () => {
  h = await createQueryHarness();
  const { sql } = h.deps;
  await insertRows(
    sql,
    'obs_web',
    TIMES.map((t, i) => obsRow({ measurement_uid: `g-${i}`, measurement_start_time: t, probe_asn: i % 2 ? 45758 : 5650, probe_cc: 'IT' })),
  );
  await insertRows(
    sql,
    'analysis_web_measurement',
    TIMES.map((t, i) => analysisRow({ measurement_uid: `g-${i}`, measurement_start_time: t })),
  );
  // the failure breakdown, on 2024-12-01 (probe AS30722; resolver AS30722 = the ISP's, AS15169 = other)
  const f = (uid: string, o: Parameters<typeof obsRow>[0]) =>
    obsRow({ measurement_uid: uid, measurement_start_time: '2024-12-01 10:00:00.000', hostname: 'f.example', ...o });
  await insertRows(sql, 'obs_web', [
    f('f-1', { dns_failure: 'dns_nxdomain_error', ip: null, tcp_success: null }),
    f('f-2', { dns_failure: 'unknown_failure: lookup f.example: i/o timeout', ip: null, tcp_success: null, resolver_asn: 15169 }),
    f('f-3', { tcp_failure: 'generic_timeout_error', tcp_success: false }),
    f('f-4', { tls_failure: 'connection_reset' }),
    f('f-5', { http_failure: 'connection_reset', http_request_url: 'https://f.example/' }),
    f('f-6', { http_failure: 'eof_error', http_request_url: 'http://f.example/', port: 80 }),
    f('f-7', {}),
    f('f-8', { ip: '93.184.215.15' }),
    // HTTP-only row (no DNS, no endpoint): left out of the failure breakdown
    f('f-9', { ip: null, port: null, dns_query_type: null, http_failure: 'connection_reset', http_request_url: 'https://f.example/' }),
    f('f-10', { resolver_asn: 15169, ooni_run_link_id: '77', dns_failure: 'dns_nxdomain_error', ip: null }),
  ]);
});
after(() => h.close());

test('observations by timestamp: hour/day/week/month/year/auto give 18/9/2/1/1/9 groups; since inclusive, until exclusive', async () => {
  const expected: Record<string, number> = { hour: 18, day: 9, week: 2, month: 1, year: 1, auto: 9 };
  for (const [grain, n] of Object.entries(expected)) {
    const { status, body } = await h.json(`/api/v1/aggregation/observations?group_by=timestamp&time_grain=${grain}&${WINDOW}`);
    assert.equal(status, 200, grain);
    assert.equal(body.results.length, n, grain);
    assert.equal(
      body.results.reduce((s: number, r: any) => s + r.observation_count, 0),
      19,
      grain,
    );
  }
  const week = await h.json(`/api/v1/aggregation/observations?group_by=timestamp&time_grain=week&${WINDOW}`);
  assert.deepEqual(week.body.results, [
    { observation_count: 4, timestamp: '2024-10-27T00:00:00' },
    { observation_count: 15, timestamp: '2024-11-03T00:00:00' },
  ]);
  // ordered by time, not by count: Nov 3 has 3 rows, every other day 2
  const day = await h.json(`/api/v1/aggregation/observations?group_by=timestamp&${WINDOW}`);
  assert.deepEqual(
    day.body.results.map((r: any) => [r.timestamp, r.observation_count]),
    Array.from({ length: 9 }, (_, i) => [`2024-11-0${i + 1}T00:00:00`, i === 2 ? 3 : 2]),
  );
});

test('observations: probe_asn list (repeated keys or commas) filters and groups; failure + timestamp', async () => {
  for (const q of ['probe_asn=45758&probe_asn=5650', 'probe_asn=45758,AS5650']) {
    const { body } = await h.json(`/api/v1/aggregation/observations?group_by=probe_asn&${q}&${WINDOW}`);
    assert.deepEqual(body.results, [
      { observation_count: 10, probe_asn: 5650 },
      { observation_count: 9, probe_asn: 45758 },
    ]);
  }
  const only = await h.json(`/api/v1/aggregation/observations?group_by=timestamp&probe_asn=45758&${WINDOW}`);
  assert.ok(only.body.results.every((r: any) => r.probe_asn === 45758));
  const ft = await h.json(`/api/v1/aggregation/observations?group_by=failure&group_by=timestamp&${WINDOW}`);
  assert.equal(ft.body.results.length, 9);
  assert.deepEqual(ft.body.results[2], { observation_count: 3, failure: 'none', timestamp: '2024-11-03T00:00:00' });
});

test('observations by failure: first failing layer, ISP vs other resolver, unknown_failure collapsed, HTTP-only rows out', async () => {
  const { body } = await h.json('/api/v1/aggregation/observations?since=2024-12-01&until=2024-12-02');
  assert.deepEqual(body.results, [
    { observation_count: 2, failure: 'none' }, // f-7, f-8
    { observation_count: 1, failure: 'dns_isp.dns_nxdomain_error' }, // f-1 (f-10's resolver is another network)
    { observation_count: 1, failure: 'dns_other.dns_nxdomain_error' },
    { observation_count: 1, failure: 'dns_other.unknown_failure' },
    { observation_count: 1, failure: 'http.eof_error' },
    { observation_count: 1, failure: 'https.connection_reset' },
    { observation_count: 1, failure: 'tcp.generic_timeout_error' },
    { observation_count: 1, failure: 'tls.connection_reset' },
  ]);
});

test('observations: resolver_asn filters on the resolver, ooni_run_link_id is honoured; nulls are left out', async () => {
  const r = await h.json('/api/v1/aggregation/observations?resolver_asn=15169&since=2024-12-01&until=2024-12-02');
  assert.deepEqual(r.body.results, [
    { observation_count: 1, failure: 'dns_other.dns_nxdomain_error', resolver_asn: 15169 },
    { observation_count: 1, failure: 'dns_other.unknown_failure', resolver_asn: 15169 },
  ]);
  const link = await h.json('/api/v1/aggregation/observations?ooni_run_link_id=77&since=2024-12-01&until=2024-12-02');
  assert.deepEqual(link.body.results, [{ observation_count: 1, failure: 'dns_other.dns_nxdomain_error', ooni_run_link_id: '77' }]);
  const ips = await h.json('/api/v1/aggregation/observations?group_by=ip&hostname=f.example&since=2024-12-01&until=2024-12-02');
  // 4 rows without ip (f-1, f-2, f-9, f-10): their group has no ip key
  assert.deepEqual(ips.body.results, [
    { observation_count: 5, ip: '93.184.215.14', hostname: 'f.example' },
    { observation_count: 4, hostname: 'f.example' },
    { observation_count: 1, ip: '93.184.215.15', hostname: 'f.example' },
  ]);
});

test('observations: the default window is the 30 days up to now (the harness clock, 2024-01-15T12:00Z)', async () => {
  const { body } = await h.json('/api/v1/aggregation/observations');
  assert.deepEqual(body.results, []);
  const uid = await h.json('/api/v1/aggregation/observations?group_by=measurement_uid&measurement_uid=f-3');
  assert.deepEqual(uid.body.results, [{ observation_count: 1, measurement_uid: 'f-3' }]);
});

test('ctrl: one ordered result per (hostname, ip, port) with per-ip TLS consistency and per-hostname DNS totals', async () => {
  const { sql } = h.deps;
  const c = (uid: string, idx: number, o: Parameters<typeof ctrlRow>[0]) =>
    ctrlRow({ measurement_uid: uid, observation_idx: idx, measurement_start_time: '2024-01-15 11:30:00.000', hostname: 'c.example', ...o });
  await insertRows(sql, 'obs_web_ctrl', [
    c('c-1', 0, { ip: '104.16.1.1', port: 443, ip_asn: 13335, ip_as_org_name: 'Cloudflare, Inc.' }),
    c('c-1', 1, { ip: '104.16.1.1', port: 80, ip_asn: 13335, ip_as_org_name: 'Cloudflare, Inc.', tls_success: null, tls_server_name: null }),
    c('c-2', 0, {
      ip: '104.16.1.1',
      port: 443,
      ip_asn: 13335,
      ip_as_org_name: 'Cloudflare, Inc.',
      tls_success: false,
      tls_failure: 'ssl_invalid_hostname',
    }),
    c('c-2', 1, {
      ip: '198.51.100.9',
      port: 443,
      ip_asn: 64500,
      ip_as_org_name: 'Example',
      tcp_success: false,
      tcp_failure: 'generic_timeout_error',
      tls_success: null,
      dns_success: null,
    }),
    c('c-3', 0, {
      ip: '',
      port: null,
      ip_asn: null,
      ip_as_org_name: null,
      dns_success: null,
      dns_failure: 'dns_nxdomain_error',
      tcp_success: null,
      tls_success: null,
    }),
    c('c-3', 1, {
      ip: '',
      port: null,
      ip_asn: null,
      ip_as_org_name: null,
      dns_success: null,
      tcp_success: null,
      tls_success: null,
      dns_failure: 'dns_server_failure',
    }),
    // another hostname and a row outside the default hour
    c('c-4', 0, { hostname: 'other.example' }),
    c('c-5', 0, { measurement_start_time: '2024-01-15 10:59:59.999' }),
  ]);
  const { status, body } = await h.json('/api/v1/aggregation/observations/ctrl?hostname=c.example');
  assert.equal(status, 200);
  const dns = { dns_success_count: 3, dns_nxdomain_count: 1, dns_other_failure_count: 1 };
  assert.deepEqual(
    body.results,
    [
      {
        hostname: 'c.example',
        ip: '',
        asn: undefined,
        is_cloud_provider: false,
        in_dns_answers: false,
        tcp_success_count: 0,
        tcp_failure_count: 0,
        tls_success_count: 0,
        tls_failure_count: 0,
        tls_consistent: false,
        ...dns,
      },
      {
        hostname: 'c.example',
        ip: '104.16.1.1',
        port: 80,
        asn: 13335,
        as_org_name: 'Cloudflare, Inc.',
        is_cloud_provider: true,
        in_dns_answers: true,
        tcp_success_count: 1,
        tcp_failure_count: 0,
        tls_success_count: 0,
        tls_failure_count: 0,
        tls_consistent: true,
        ...dns,
      },
      {
        hostname: 'c.example',
        ip: '104.16.1.1',
        port: 443,
        asn: 13335,
        as_org_name: 'Cloudflare, Inc.',
        is_cloud_provider: true,
        in_dns_answers: true,
        tcp_success_count: 2,
        tcp_failure_count: 0,
        tls_success_count: 1,
        tls_failure_count: 1,
        tls_consistent: true,
        ...dns,
      },
      {
        hostname: 'c.example',
        ip: '198.51.100.9',
        port: 443,
        asn: 64500,
        as_org_name: 'Example',
        is_cloud_provider: false,
        in_dns_answers: false,
        tcp_success_count: 0,
        tcp_failure_count: 1,
        tls_success_count: 0,
        tls_failure_count: 0,
        tls_consistent: false,
        ...dns,
      },
    ].map((r) => JSON.parse(JSON.stringify(r))),
  );
  const both = await h.json('/api/v1/aggregation/observations/ctrl?hostname=c.example&hostname=other.example');
  assert.deepEqual([...new Set(both.body.results.map((r: any) => r.hostname))], ['c.example', 'other.example']);
  const wider = await h.json('/api/v1/aggregation/observations/ctrl?hostname=c.example&since=2024-01-15T10:00:00Z');
  assert.equal(wider.body.results.find((r: any) => r.port === 443 && r.ip === '93.184.215.14')?.tls_success_count, 1);
  const missing = await h.json('/api/v1/aggregation/observations/ctrl');
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error, 'missing_parameter');
});

test('analysis: time grains give 18/9/2/1/1/9 cells, in time order', async () => {
  const expected: Record<string, number> = { hour: 18, day: 9, week: 2, month: 1, year: 1, auto: 9 };
  for (const [grain, n] of Object.entries(expected)) {
    const { status, body } = await h.json(`/api/v1/aggregation/analysis?time_grain=${grain}&${WINDOW}`);
    assert.equal(status, 200, grain);
    assert.equal(body.results.length, n, grain);
    assert.equal(body.dimension_count, 1);
    assert.deepEqual(body.db_stats.row_count, n);
    const days = body.results.map((r: any) => r.measurement_start_day);
    assert.deepEqual(days, [...days].sort(), grain);
  }
  const month = await h.json(`/api/v1/aggregation/analysis?time_grain=month&${WINDOW}`);
  const r = month.body.results[0];
  assert.equal(r.count, 19);
  assert.equal(r.measurement_start_day, '2024-11-01T00:00:00');
  for (const k of ['domain', 'probe_cc', 'probe_asn', 'test_name', 'input', 'measurement_uid']) assert.equal(r[k], null, k);
  assert.equal(r.loni.dns_ok, 1);
  assert.equal(r.loni.blocked_max_outcome, 'none');
});
