// CORS at the header level, through the real createApp: every OPTIONS is a 204 preflight that
// never reaches the rate limiter or the database; public routes are open to all origins, session
// routes only to CORS_ALLOWED_ORIGINS (echoed, with credentials, Vary: Origin); errors carry it all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app.ts';
import { connectDatabase } from '../../lib/db.ts';
import { loadRuntimeConfig } from '../../lib/config.ts';
import { infraOf } from '../../lib/infra.ts';
import { createLogger } from '../../lib/logger.ts';
import type { ObjectStore } from '../../lib/s3.ts';
import { freePort } from '../../stack/free-port.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createTestBucket } from '../helpers/s3.ts';

const LISTED = 'https://explorer.ooni.org'; // in the default CORS_ALLOWED_ORIGINS
const UNLISTED = 'https://evil.example';
const OPERATOR_TOKEN = 'operator-cors-test-token-0123456789';
const EXPOSED = 'Retry-After, X-RateLimit-Remaining, Content-Disposition, WWW-Authenticate';

let db: TestDatabase;
let store: ObjectStore;
let app: ReturnType<typeof createApp>;

// the query routes and the operator's 401 never reach Temporal
const temporal = {} as Client;
const log = createLogger('cors', 'silent');

before(async () => {
  db = await createTestDatabase();
  store = await createTestBucket();
  // one unit per minute: the second metered request of a client (its X-Forwarded-For) is a 429
  const config = loadRuntimeConfig({
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    QUERY_RATE_LIMITS: '1/minute',
    TRUSTED_PROXY_HOPS: '1',
    OPERATOR_TOKEN,
  });
  app = createApp({ ...infraOf({ database: db, store, temporal, log }), config });
});
after(async () => {
  store.client.destroy();
  await db?.drop();
});

const preflight = (path: string, origin: string, method = 'POST', headers = 'authorization, content-type') =>
  app.request(path, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
  });

const cors = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-') || k === 'vary'));

test('OPTIONS is a 204 preflight on every route, existing or not (it was a 404)', async () => {
  for (const path of [
    '/api/v1/measurements',
    '/api/v1/check-in',
    '/report/20240115T120000Z_webconnectivity_IT_30722_n1_abc',
    '/health',
    '/no/such/route',
  ]) {
    const res = await preflight(path, UNLISTED);
    assert.equal(res.status, 204, path);
    assert.equal(await res.text(), '');
    assert.deepEqual(
      cors(res),
      {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
        'access-control-allow-headers':
          'Authorization, Content-Type, Accept, Accept-Language, Content-Language, X-Requested-With, sentry-trace, baggage',
        'access-control-max-age': '7200',
      },
      path,
    );
  }
});

test('public answers, errors included, are readable from any origin: 200, 400, 404, 429', async () => {
  const ok = await app.request('/api/_/test_names', { headers: { Origin: UNLISTED, 'X-Forwarded-For': '192.0.2.1' } });
  assert.equal(ok.status, 200);
  assert.deepEqual(cors(ok), { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED });

  const notFound = await app.request('/no/such/route', { headers: { Origin: UNLISTED } });
  assert.equal(notFound.status, 404);
  assert.equal(((await notFound.json()) as { error: string }).error, 'not_found');
  assert.equal(notFound.headers.get('access-control-allow-origin'), '*');

  const bad = await app.request('/api/v1/measurement/not-a-uid', { headers: { Origin: UNLISTED, 'X-Forwarded-For': '192.0.2.2' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get('access-control-allow-origin'), '*');

  // the same client again: its quota is spent
  const spent = await app.request('/api/v1/measurements?limit=1', { headers: { Origin: UNLISTED, 'X-Forwarded-For': '192.0.2.2' } });
  assert.equal(spent.status, 429);
  assert.equal(((await spent.json()) as { error: string }).error, 'rate_limited');
  assert.equal(spent.headers.get('access-control-allow-origin'), '*');
  assert.equal(spent.headers.get('access-control-expose-headers'), EXPOSED); // so the page can read Retry-After
  assert.ok(Number(spent.headers.get('retry-after')) >= 1);
});

test('a preflight is not metered: answered while the quota is spent, and no quota header', async () => {
  const client = { Origin: UNLISTED, 'X-Forwarded-For': '192.0.2.3' };
  assert.equal((await app.request('/api/_/global_overview', { headers: client })).status, 200);
  assert.equal((await app.request('/api/_/global_overview', { headers: client })).status, 429);
  const res = await app.request('/api/_/global_overview', {
    method: 'OPTIONS',
    headers: { ...client, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('x-ratelimit-remaining'), null);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
});

test('a preflight does not touch the database: answered with PostgreSQL unreachable, while the route itself is a 500 with CORS headers', async () => {
  const dead = connectDatabase(`postgres://nobody@127.0.0.1:${await freePort()}/none`, { max: 1 });
  const config = loadRuntimeConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1/none', NODE_ENV: 'test' });
  const deadApp = createApp({ ...infraOf({ database: dead, store, temporal, log }), config });
  try {
    for (const path of ['/api/v1/measurements', '/api/_/account_metadata']) {
      const res = await deadApp.request(path, {
        method: 'OPTIONS',
        headers: { Origin: LISTED, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
      assert.equal(res.status, 204, path);
    }
    const res = await deadApp.request('/api/v1/measurements', { headers: { Origin: UNLISTED } });
    assert.equal(res.status, 500);
    assert.equal(((await res.json()) as { error: string }).error, 'internal_error');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  } finally {
    await dead.close();
  }
});

test('session route preflight: a listed origin is echoed with credentials; an unlisted one gets no grant', async () => {
  const listed = await preflight('/api/_/account_metadata', LISTED, 'GET', 'authorization');
  assert.equal(listed.status, 204);
  assert.deepEqual(cors(listed), {
    vary: 'Origin',
    'access-control-allow-origin': LISTED,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': 'Authorization, Content-Type, Accept, Accept-Language, Content-Language, X-Requested-With, sentry-trace, baggage',
    'access-control-max-age': '7200',
  });
  for (const origin of [UNLISTED, 'http://explorer.ooni.org', 'null']) {
    const res = await preflight('/api/v2/ooniauth/user-login', origin);
    assert.equal(res.status, 204);
    assert.deepEqual(cors(res), { vary: 'Origin' }, origin);
  }
});

test('session route answers (here the operator 401): listed origin readable with credentials, unlisted not, Vary: Origin on both', async () => {
  const init = (origin?: string) => ({
    method: 'POST',
    body: '{}',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wrong-token', ...(origin ? { Origin: origin } : {}) },
  });
  const listed = await app.request('/api/v1/operator/seal', init(LISTED));
  assert.equal(listed.status, 401);
  assert.equal(((await listed.json()) as { error: string }).error, 'unauthorized');
  assert.deepEqual(cors(listed), {
    vary: 'Origin',
    'access-control-allow-origin': LISTED,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED,
  });
  for (const origin of [UNLISTED, undefined]) {
    const res = await app.request('/api/v1/operator/seal', init(origin));
    assert.equal(res.status, 401);
    assert.deepEqual(cors(res), { vary: 'Origin' }, String(origin));
  }
  // a session path with no route is a 404 under the same rule
  const missing = await app.request('/api/v2/ooniauth/no-such-route', { headers: { Origin: UNLISTED } });
  assert.equal(missing.status, 404);
  assert.deepEqual(cors(missing), { vary: 'Origin' });
});
