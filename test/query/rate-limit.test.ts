// Rate limiting of the query routes: per client IP, shared by several API instances through
// PostgreSQL, 429 with the JSON error and Retry-After; probe endpoints are not metered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { createQueryRoutes } from '../../api/query/index.ts';
import { parseRateLimits as parseLimits } from '../../lib/config.ts';
import { createQueryHarness, type QueryHarness } from '../helpers/query/harness.ts';

let h: QueryHarness;
let clock = Date.parse('2024-01-15T12:00:10Z');

function instance(limits: string, whitelist: string[] = []): Hono {
  const app = new Hono();
  app.route('/', createQueryRoutes(h.deps, { rateLimit: { limits, whitelist, nowMs: () => clock } }));
  app.get('/api/v1/check-in', (c) => c.json({ probe: true })); // stands for the unmetered probe routes
  return app;
}
// the harness trusts one proxy (TRUSTED_PROXY_HOPS=1): it appended `ip`; the entry left of it is the client's own
const call = (app: Hono, ip: string, path = '/api/_/test_names', forged = '10.9.9.9') =>
  Promise.resolve(app.request(path, { headers: { 'X-Forwarded-For': `${forged}, ${ip}` } }));

before(async () => {
  h = await createQueryHarness();
});
after(() => h.close());

test('limits syntax', () => {
  assert.deepEqual(parseLimits('10/minute;400000/day;200000/7day'), [
    { amount: 10, seconds: 60 },
    { amount: 400000, seconds: 86400 },
    { amount: 200000, seconds: 604800 },
  ]);
  assert.throws(() => parseLimits('ten/minute'));
});

test('remaining decreases; the request after the quota gets 429 with JSON and Retry-After; other IPs unaffected', async () => {
  const app = instance('3/minute;1000/day');
  const remaining: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await call(app, '192.0.2.1');
    assert.equal(res.status, 200);
    remaining.push(Number(res.headers.get('X-RateLimit-Remaining')));
  }
  assert.deepEqual(remaining, [2, 1, 0]);
  const res = await call(app, '192.0.2.1');
  assert.equal(res.status, 429);
  assert.deepEqual(await res.json(), { error: 'rate_limited', message: 'quota exceeded' });
  assert.equal(res.headers.get('X-RateLimit-Remaining'), '0');
  assert.equal(res.headers.get('Retry-After'), '50'); // the minute window ends 50 s after 12:00:10
  assert.equal((await call(app, '192.0.2.2')).status, 200);
  // the probe endpoint is not metered
  const probe = await call(app, '192.0.2.1', '/api/v1/check-in');
  assert.equal(probe.status, 200);
  assert.equal(probe.headers.get('X-RateLimit-Remaining'), null);
});

test('state is shared between API instances', async () => {
  const a = instance('2/minute');
  const b = instance('2/minute');
  assert.equal((await call(a, '198.51.100.7', '/api/v1/aggregation')).status, 200);
  assert.equal((await call(b, '198.51.100.7', '/api/v1/measurements')).status, 200);
  assert.equal((await call(a, '198.51.100.7', '/api/v1/measurement_meta?measurement_uid=xyz1')).status, 429);
  assert.equal((await call(b, '198.51.100.7')).status, 429);
});

test('a new window restores the quota; the longest spent window sets Retry-After', async () => {
  const app = instance('1/minute;3/hour');
  const ip = '203.0.113.9';
  clock = Date.parse('2024-01-15T13:00:00Z');
  assert.equal((await call(app, ip)).status, 200);
  assert.equal((await call(app, ip)).status, 429);
  clock += 60_000;
  assert.equal((await call(app, ip)).status, 200);
  clock += 60_000;
  assert.equal((await call(app, ip)).status, 200);
  clock += 60_000;
  const res = await call(app, ip);
  assert.equal(res.status, 429);
  assert.equal(res.headers.get('Retry-After'), String(3600 - 180));
});

test('forged X-Forwarded-For entries left of the trusted proxy do not give a client a new quota', async () => {
  const app = instance('2/minute');
  const ip = '192.0.2.77';
  assert.equal((await call(app, ip, '/api/_/test_names', '203.0.113.1')).status, 200);
  assert.equal((await call(app, ip, '/api/_/test_names', '203.0.113.2')).status, 200);
  assert.equal((await call(app, ip, '/api/_/test_names', '203.0.113.3')).status, 429);
  // with no trusted proxy the header is ignored altogether: every address below is the same (unknown) peer
  const direct = new Hono();
  direct.route('/', createQueryRoutes(h.deps, { rateLimit: { limits: '1/minute', trustedProxyHops: 0, nowMs: () => clock } }));
  assert.equal((await call(direct, '192.0.2.78')).status, 200);
  assert.equal((await call(direct, '192.0.2.79')).status, 429);
});

test('whitelisted IPs bypass the limiter (no header)', async () => {
  const app = instance('1/minute', ['192.0.2.50']);
  for (let i = 0; i < 3; i++) {
    const res = await call(app, '192.0.2.50');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('X-RateLimit-Remaining'), null);
  }
});

test('the full app meters the query routes with the default limits', async () => {
  const res = await h.get('/api/_/test_names');
  assert.equal(res.status, 200);
  assert.ok(Number(res.headers.get('X-RateLimit-Remaining')) > 0);
});

test('client IPs are stored hashed', async () => {
  const keys = await h.db.sql<{ key: string }[]>`select distinct key from rate_limits`;
  assert.ok(keys.length > 0);
  assert.ok(keys.every((k) => /^[0-9a-f]{32}$/.test(k.key)));
});
