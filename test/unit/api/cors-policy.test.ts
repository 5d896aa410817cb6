// The CORS policy: which routes are session routes, what each kind of request is granted, and the
// CORS_ALLOWED_ORIGINS setting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corsAnswer, corsRouteKind } from '../../../domain/cors-policy.ts';
import { ConfigError, loadRuntimeConfig } from '../../../lib/config.ts';

const LISTED = 'https://explorer.ooni.org';
const allowed = new Set([LISTED, 'http://localhost:3100']);

test('session routes: accounts, feedback, quotas, incidents, OONI Run v2, operator', () => {
  for (const path of [
    '/api/v1/user_register',
    '/api/v1/user_login',
    '/api/v1/user_logout',
    '/api/v1/user_refresh_token',
    '/api/_/account_metadata',
    '/api/v2/ooniauth/user-login',
    '/api/v2/ooniauth/user-session',
    '/api/_/measurement_feedback',
    '/api/_/measurement_feedback/20240115120000.000001_IT_webconnectivity_0000000000000001',
    '/api/_/quotas_summary',
    '/api/v1/incidents/search',
    '/api/v1/incidents/show/abc',
    '/api/v1/incidents',
    '/api/v2/oonirun/links',
    '/api/v2/oonirun/links/10001/revisions',
    '/api/v1/operator/seal',
    '/api/v1/operator/schedules/sweeper/trigger',
  ]) {
    assert.equal(corsRouteKind(path), 'session', path);
  }
});

test('spelling variants of a session route are session routes too (never opened wider)', () => {
  for (const path of ['/api/v1/user_login/', '/API/V1/USER_LOGIN', '/api/_/Account_Metadata//', '/api/v2/OONIRUN/links']) {
    assert.equal(corsRouteKind(path), 'session', path);
  }
});

test('public routes: query, Explorer read-only, probe services, health; look-alike names stay public', () => {
  for (const path of [
    '/api/v1/measurements',
    '/api/v1/aggregation',
    '/api/v1/measurement/20240115120000.000001_IT_webconnectivity_0000000000000001',
    '/api/v1/raw_measurement',
    '/api/_/global_overview',
    '/api/_/countries',
    '/api/v1/check-in',
    '/api/v1/submit_measurement',
    '/report',
    '/api/v1/login', // the probe's login, not an account's
    '/api/v1/register',
    '/health',
    '/openapi.json',
    '/',
    '/api/v1/user_login_history', // not /api/v1/user_login
    '/api/v1/incidentsx',
    '/api/v2/oonirunx',
  ]) {
    assert.equal(corsRouteKind(path), 'public', path);
  }
});

test('public route: * to every origin (and none), no credentials, no Vary; exposes the quota and download headers', () => {
  for (const origin of [LISTED, 'https://evil.example', 'null', undefined]) {
    const a = corsAnswer({ method: 'GET', path: '/api/v1/measurements', origin }, allowed);
    assert.deepEqual(a, {
      preflight: false,
      headers: {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Expose-Headers': 'Retry-After, X-RateLimit-Remaining, Content-Disposition, WWW-Authenticate',
      },
    });
  }
});

test('public preflight: answered with methods, headers (Authorization, Content-Type) and a max age', () => {
  const a = corsAnswer({ method: 'OPTIONS', path: '/api/v1/check-in', origin: 'https://evil.example' }, allowed);
  assert.deepEqual(a, {
    preflight: true,
    headers: {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers':
        'Authorization, Content-Type, Accept, Accept-Language, Content-Language, X-Requested-With, sentry-trace, baggage',
      'Access-Control-Max-Age': '7200',
    },
  });
});

test('session route, listed origin: the origin echoed, with credentials and Vary: Origin', () => {
  assert.deepEqual(corsAnswer({ method: 'GET', path: '/api/_/account_metadata', origin: LISTED }, allowed), {
    preflight: false,
    headers: {
      Vary: 'Origin',
      'Access-Control-Allow-Origin': LISTED,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'Retry-After, X-RateLimit-Remaining, Content-Disposition, WWW-Authenticate',
    },
  });
  const pre = corsAnswer({ method: 'options', path: '/api/v2/ooniauth/user-login', origin: 'http://localhost:3100' }, allowed);
  assert.equal(pre.preflight, true);
  assert.equal(pre.headers['Access-Control-Allow-Origin'], 'http://localhost:3100');
  assert.equal(pre.headers['Access-Control-Allow-Credentials'], 'true');
  assert.equal(pre.headers['Vary'], 'Origin');
  assert.match(pre.headers['Access-Control-Allow-Headers']!, /\bAuthorization\b/);
});

test('session route, unlisted or absent origin: no grant at all, only Vary: Origin', () => {
  for (const origin of [
    'https://evil.example',
    'https://explorer.ooni.org.evil.example',
    'http://explorer.ooni.org',
    `${LISTED}/`,
    'null',
    undefined,
  ]) {
    for (const method of ['GET', 'POST', 'OPTIONS']) {
      const a = corsAnswer({ method, path: '/api/v1/user_refresh_token', origin }, allowed);
      assert.deepEqual(a, { preflight: method === 'OPTIONS', headers: { Vary: 'Origin' } }, `${method} ${origin}`);
    }
  }
});

const base = { DATABASE_URL: 'postgres://u@localhost/db' };

test('CORS_ALLOWED_ORIGINS default: OONI front-ends and the Explorer dev server (as the login redirect allow-list)', () => {
  const config = loadRuntimeConfig(base);
  const origins = config.CORS_ALLOWED_ORIGINS;
  assert.deepEqual(origins, config.LOGIN_REDIRECT_ALLOWLIST);
  for (const o of [
    'https://explorer.ooni.org',
    'https://explorer.test.ooni.org',
    'https://explorer.dev.ooni.org',
    'https://run.ooni.org',
    'https://run.ooni.io',
    'https://run.test.ooni.org',
    'https://run-v2.ooni.org',
    'https://test-lists.ooni.org',
    'https://test-lists.test.ooni.org',
    'http://localhost:3100',
    'http://127.0.0.1:3100',
  ]) {
    assert.ok(origins.includes(o), o);
  }
  assert.equal(origins.length, 11);
});

test('CORS_ALLOWED_ORIGINS: a comma list of exact origins; anything else is refused naming the variable', () => {
  assert.deepEqual(loadRuntimeConfig({ ...base, CORS_ALLOWED_ORIGINS: ' https://a.example , http://127.0.0.1:8000,' }).CORS_ALLOWED_ORIGINS, [
    'https://a.example',
    'http://127.0.0.1:8000',
  ]);
  assert.deepEqual(loadRuntimeConfig({ ...base, CORS_ALLOWED_ORIGINS: ',' }).CORS_ALLOWED_ORIGINS, []);
  // a trailing slash is dropped: what a browser sends as Origin has none
  assert.deepEqual(loadRuntimeConfig({ ...base, CORS_ALLOWED_ORIGINS: 'https://a.example/' }).CORS_ALLOWED_ORIGINS, ['https://a.example']);
  for (const bad of ['*', 'ftp://a.example', 'https://a.example/path', 'explorer.ooni.org', 'null', 'HTTPS://A.EXAMPLE', 'https://a.example:443']) {
    assert.throws(
      () => loadRuntimeConfig({ ...base, CORS_ALLOWED_ORIGINS: bad }),
      (err: Error) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /CORS_ALLOWED_ORIGINS/);
        return true;
      },
    );
  }
});
