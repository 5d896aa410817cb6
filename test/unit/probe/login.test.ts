import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from 'hono/jwt';
import { NOW, RFC3339_UTC, errorBody, postJson, testApp } from '../../helpers/unit/probe.ts';

// What probe-cli's orchestra client sends.
const registerRequest = {
  platform: 'miniooni',
  probe_asn: 'AS0',
  probe_cc: 'ZZ',
  software_name: 'miniooni',
  software_version: '0.1.0-dev',
  supported_tests: ['web_connectivity'],
  password: 'x'.repeat(64),
};

async function register(app = testApp()): Promise<string> {
  const res = await app.request('/api/v1/register', postJson(registerRequest));
  assert.equal(res.status, 200);
  const body = (await res.json()) as { client_id: string };
  assert.equal(typeof body.client_id, 'string');
  return body.client_id;
}

test('register: client_id is an HS256 JWT {iat, aud: probe_login}', async () => {
  const clientId = await register();
  const { header, payload } = decode(clientId);
  assert.equal(header.alg, 'HS256');
  assert.deepEqual(payload, { iat: Math.floor(NOW.getTime() / 1000), aud: 'probe_login' });
});

test('login: token {registration_time, aud: probe_token} and RFC 3339 expire now+7d', async () => {
  const app = testApp();
  const clientId = await register(app);
  const res = await app.request('/api/v1/login', postJson({ username: clientId, password: registerRequest.password }));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'no-cache');
  const body = (await res.json()) as { token: string; expire: string };
  assert.match(body.expire, RFC3339_UTC);
  assert.equal(body.expire, '2026-03-08T12:34:56Z');
  assert.deepEqual(decode(body.token).payload, { registration_time: Math.floor(NOW.getTime() / 1000), aud: 'probe_token' });
});

test('login with a username that is not a JWT is a legacy login', async () => {
  const res = await testApp().request('/api/v1/login', postJson({ username: 'old-client', password: 'p' }));
  assert.equal(res.status, 200);
  const body = (await res.json()) as { token: string };
  assert.deepEqual(decode(body.token).payload, { aud: 'probe_token' });
});

test('login: bad signature, wrong audience or missing fields → 401 invalid_credentials', async () => {
  const other = await register(testApp({ jwtSecret: 'another-secret' }));
  const app = testApp();
  const clientId = await register(app);
  const loginRes = await app.request('/api/v1/login', postJson({ username: clientId, password: 'p' }));
  const { token } = (await loginRes.json()) as { token: string };
  const bad: unknown[] = [
    { username: other, password: 'p' },
    { username: token, password: 'p' }, // a probe_token is not a client_id
    { username: `${clientId.slice(0, -2)}xx`, password: 'p' },
    { username: clientId },
    { password: 'p' },
    { username: 5, password: 'p' },
    {},
  ];
  for (const body of bad) {
    const res = await app.request('/api/v1/login', postJson(body));
    assert.equal(res.status, 401, JSON.stringify(body));
    assert.equal((await errorBody(res)).error, 'invalid_credentials');
  }
});

test('register and login with a non-JSON body → 400', async () => {
  for (const path of ['/api/v1/register', '/api/v1/login']) {
    const res = await testApp().request(path, postJson('nope'));
    assert.equal(res.status, 400);
  }
});
