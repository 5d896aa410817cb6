// The v5 routes as API: /api/v1/detector/changepoints (defaults per request, order, limit, AS0,
// change_dir), 400s with registered codes for every bad parameter, /openapi.json, rate limiting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { createQueryRoutes } from '../../api/query/index.ts';
import { createV5ChangepointRoutes } from '../../api/query/v5-changepoints.ts';
import { CONSTRAINT_BREAKERS, satisfiesParameter } from '../helpers/openapi-constraints.ts';
import { createQueryHarness, type QueryHarness } from '../helpers/query/harness.ts';
import { changepointRow, insertRows } from '../helpers/query/v5-rows.ts';

let h: QueryHarness;
const V5_PATHS = [
  '/api/v1/observations',
  '/api/v1/analysis',
  '/api/v1/aggregation/observations',
  '/api/v1/aggregation/observations/ctrl',
  '/api/v1/aggregation/analysis',
  '/api/v1/detector/changepoints',
];

before(async () => {
  h = await createQueryHarness();
  // the harness clock is 2024-01-15T12:00Z: the default window starts 2023-12-16T12:00Z
  await insertRows(h.deps.sql, 'event_detector_changepoints', [
    changepointRow({
      probe_asn: 15169,
      domain: 'google.com',
      ts: '2024-01-05 03:00:00.000',
      change_dir: -1,
      block_type: 'tcp_blocked',
      current_state: 'tcp_blocked',
    }),
    changepointRow({ probe_asn: 8048, domain: 'amazon.com', ts: '2024-01-10 05:00:00.000', change_dir: 1, dns_other_blocked: null }),
    changepointRow({ probe_asn: 0, probe_cc: 'VE', domain: 'amazon.com', ts: '2024-01-12 00:00:00.000', h: Number.NaN }),
    changepointRow({ probe_asn: 8048, domain: 'amazon.com', ts: '2024-01-15 11:00:00.000', change_dir: -1 }), // today
    changepointRow({ probe_asn: 8048, probe_cc: 'VE', domain: 'amazon.com', ts: '2023-12-01 00:00:00.000' }), // older than 30 days
    changepointRow({ probe_asn: 3269, probe_cc: 'IT', domain: 'twitter.com', ts: '2024-01-10 05:00:00.000', block_type: 'tls_blocked' }),
  ]);
});
after(() => h.close());

const key = (r: any) => `${r.probe_cc}/${r.probe_asn}/${r.domain}@${r.start_time}`;

test('changepoints: last 30 days up to now, oldest first, every field; change_dir from the stored ±1; NaN null', async () => {
  const { status, body } = await h.json('/api/v1/detector/changepoints');
  assert.equal(status, 200);
  assert.deepEqual(body.results.map(key), [
    'VE/15169/google.com@2024-01-05T03:00:00.000Z',
    'IT/3269/twitter.com@2024-01-10T05:00:00.000Z',
    'VE/8048/amazon.com@2024-01-10T05:00:00.000Z',
    'VE/0/amazon.com@2024-01-12T00:00:00.000Z',
    'VE/8048/amazon.com@2024-01-15T11:00:00.000Z',
  ]);
  assert.deepEqual(body.results[0], {
    probe_asn: 15169,
    probe_cc: 'VE',
    domain: 'google.com',
    start_time: '2024-01-05T03:00:00.000Z',
    count_isp_resolver: 12,
    count_other_resolver: 3,
    count: 15,
    dns_isp_blocked: 0.9,
    dns_other_blocked: 0,
    tcp_blocked: 0,
    tls_blocked: 0,
    change_dir: 'down',
    current_state: 'tcp_blocked',
    s_pos: 3.6,
    s_neg: 0,
    h: 3.5,
    block_type: 'tcp_blocked',
  });
  assert.equal(body.results[2].change_dir, 'up');
  assert.equal(body.results[2].dns_other_blocked, null);
  assert.equal(body.results[3].h, null);
});

test('changepoints: filters (probe_asn 0 is AS0), explicit window, limit/offset', async () => {
  const cases: [string, string[]][] = [
    ['probe_asn=8048', ['VE/8048/amazon.com@2024-01-10T05:00:00.000Z', 'VE/8048/amazon.com@2024-01-15T11:00:00.000Z']],
    ['probe_asn=AS15169', ['VE/15169/google.com@2024-01-05T03:00:00.000Z']],
    ['probe_asn=0', ['VE/0/amazon.com@2024-01-12T00:00:00.000Z']],
    ['probe_cc=IT', ['IT/3269/twitter.com@2024-01-10T05:00:00.000Z']],
    ['domain=google.com', ['VE/15169/google.com@2024-01-05T03:00:00.000Z']],
    ['since=2023-11-30&until=2023-12-02', ['VE/8048/amazon.com@2023-12-01T00:00:00.000Z']],
    [
      'since=2024-01-10T05:00:00Z&until=2024-01-12T00:00:00Z',
      ['IT/3269/twitter.com@2024-01-10T05:00:00.000Z', 'VE/8048/amazon.com@2024-01-10T05:00:00.000Z'],
    ],
    ['limit=2&offset=1', ['IT/3269/twitter.com@2024-01-10T05:00:00.000Z', 'VE/8048/amazon.com@2024-01-10T05:00:00.000Z']],
  ];
  for (const [q, expected] of cases) assert.deepEqual((await h.json(`/api/v1/detector/changepoints?${q}`)).body.results.map(key), expected, q);
});

test('changepoints: the default window follows the clock of each request (not the process start)', async () => {
  let now = new Date('2024-01-15T12:00:00Z');
  const app = createV5ChangepointRoutes({ ...h.deps, clock: () => now });
  const get = async () => ((await (await app.request('/api/v1/detector/changepoints')).json()) as any).results.length;
  assert.equal(await get(), 5);
  now = new Date('2024-02-12T00:00:00Z'); // window from 2024-01-13: only today's one
  assert.equal(await get(), 1);
});

test('bad parameters: 400 with a registered code on every route', async () => {
  const cases: [string, string][] = [];
  for (const path of ['/api/v1/observations', '/api/v1/analysis', '/api/v1/aggregation/analysis', '/api/v1/detector/changepoints']) {
    cases.push(
      [`${path}?probe_cc=ITA`, 'invalid_parameter'],
      [`${path}?probe_cc=I`, 'invalid_parameter'],
      [`${path}?probe_asn=ASXYZ`, 'invalid_parameter'],
      [`${path}?probe_asn=12a`, 'invalid_parameter'],
      [`${path}?since=yesterday`, 'invalid_parameter'],
      [`${path}?until=2024-13-01`, 'invalid_parameter'],
      [`${path}?since=2024-02-01&until=2024-01-01`, 'invalid_time_range'],
    );
  }
  for (const path of ['/api/v1/observations', '/api/v1/analysis', '/api/v1/detector/changepoints']) {
    cases.push(
      [`${path}?limit=0`, 'invalid_parameter'],
      [`${path}?limit=-1`, 'invalid_parameter'],
      [`${path}?limit=abc`, 'invalid_parameter'],
      [`${path}?offset=-1`, 'invalid_parameter'],
    );
  }
  cases.push(
    ['/api/v1/observations?limit=1001', 'invalid_parameter'],
    ['/api/v1/observations?order=up', 'invalid_order'],
    ['/api/v1/observations?order_by=report_id', 'invalid_parameter'],
    ['/api/v1/observations?measurement_uid=%27%3B--', 'invalid_parameter'],
    ['/api/v1/aggregation/observations?group_by=resolver_ip', 'invalid_parameter'],
    ['/api/v1/aggregation/observations?group_by=failure&group_by=nope', 'invalid_parameter'],
    ['/api/v1/aggregation/observations?probe_asn=AS1,xx', 'invalid_parameter'],
    ['/api/v1/aggregation/observations?probe_cc=IT,USA', 'invalid_parameter'],
    ['/api/v1/aggregation/observations?ip=999.1.1.1', 'invalid_parameter'],
    ['/api/v1/aggregation/observations?time_grain=minute', 'invalid_parameter'],
    ['/api/v1/aggregation/observations?since=2024-01-01T25:00:00Z', 'invalid_parameter'],
    ['/api/v1/aggregation/observations/ctrl?hostname=a.example&until=never', 'invalid_parameter'],
    ['/api/v1/aggregation/observations/ctrl?hostname=a%20b', 'invalid_parameter'],
    ['/api/v1/aggregation/observations/ctrl', 'missing_parameter'],
    ['/api/v1/aggregation/analysis?axis_x=category_code', 'invalid_parameter'],
    ['/api/v1/aggregation/analysis?axis_y=blocking_type', 'invalid_parameter'],
    ['/api/v1/aggregation/analysis?format=CSV', 'invalid_parameter'],
    ['/api/v1/aggregation/analysis?anomaly_sensitivity=high', 'invalid_parameter'],
    ['/api/v1/aggregation/analysis?input=a%0Ab', 'invalid_parameter'],
    ['/api/v1/aggregation/analysis?axis_x=domain&axis_y=domain', 'axes_equal'],
  );
  for (const [path, code] of cases) {
    const { status, body } = await h.json(path);
    assert.equal(status, 400, path);
    assert.equal(body.error, code, path);
    assert.equal(typeof body.message, 'string');
  }
});

test('openapi.json lists the six routes; every constraint it states is enforced', async () => {
  const { body } = await h.json('/openapi.json');
  for (const path of V5_PATHS) assert.ok(body.paths[path]?.get, path);
  const params = (path: string) => body.paths[path].get.parameters.map((p: any) => p.name);
  assert.deepEqual(params('/api/v1/aggregation/observations').slice(0, 2), ['group_by', 'test_name']);
  for (const p of ['limit', 'offset', 'order_by', 'order', 'since', 'until', 'probe_asn', 'probe_cc', 'report_id', 'ooni_run_link_id']) {
    assert.ok(params('/api/v1/observations').includes(p), p);
  }
  assert.equal(body.paths['/api/v1/observations'].get.parameters.find((p: any) => p.name === 'limit').schema.maximum, 1000);
  const constrained = (s: any) => s.enum || s.pattern || s.type === 'integer';
  let checked = 0;
  for (const path of V5_PATHS) {
    const base = path.endsWith('/ctrl') ? 'hostname=a.example&' : '';
    for (const p of body.paths[path].get.parameters) {
      if (!constrained(p.schema)) continue;
      const bad = CONSTRAINT_BREAKERS.find((v) => !satisfiesParameter(p.schema, v));
      // input takes any printable text (control characters are refused, tested above)
      if (bad === undefined && p.name === 'input') continue;
      assert.ok(bad !== undefined, `${path} ${p.name}`);
      const res = await h.get(`${path}?${base}${p.name}=${encodeURIComponent(bad!)}`);
      assert.equal(res.status, 400, `${path}?${p.name}=${bad}`);
      checked++;
    }
  }
  assert.ok(checked >= 40, `only ${checked}`);
});

test('rate limited like the other query routes', async () => {
  const app = new Hono();
  app.route('/', createQueryRoutes(h.deps, { rateLimit: { limits: '1/minute', nowMs: () => Date.parse('2024-01-15T12:00:00Z') } }));
  let i = 0;
  for (const path of V5_PATHS) {
    const ip = `192.0.2.${++i}`;
    const call = () => Promise.resolve(app.request(`${path}?hostname=a.example`, { headers: { 'X-Forwarded-For': `10.9.9.9, ${ip}` } }));
    const first = await call();
    assert.equal(first.status, 200, path);
    assert.equal(first.headers.get('X-RateLimit-Remaining'), '0', path);
    const second = await call();
    assert.equal(second.status, 429, path);
    assert.equal(((await second.json()) as any).error, 'rate_limited');
  }
});
