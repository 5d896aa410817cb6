import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLE_TEST_HELPERS, createProbeServicesRoutes, defaultProbeServicesOptions } from '../../../api/probe/index.ts';
import { assertObject, assertString, assertTestHelpersShape, errorBody, postJson, testApp } from '../../helpers/unit/probe.ts';

test('GET /api/v1/test-helpers: the configured object, no-cache, legacy helpers first', async () => {
  const res = await testApp().request('/api/v1/test-helpers');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'no-cache');
  const body = (await res.json()) as Record<string, Array<{ type: string; address: string }>>;
  assertTestHelpersShape(body);
  assert.deepEqual(body, EXAMPLE_TEST_HELPERS);
  for (const key of ['dns', 'http-return-json-headers', 'ssl', 'tcp-echo', 'traceroute', 'web-connectivity']) assert.ok(body[key]);
  assert.equal(body['http-return-json-headers']![0]!.type, 'legacy');
  assert.equal(body['tcp-echo']![0]!.type, 'legacy');
  assert.ok(body['web-connectivity']!.every((h) => ['https', 'cloudfront'].includes(h.type)));
  assert.ok(JSON.stringify(body).includes('cloudfront'));
  assert.ok(!/localhost|127\.0\.0\.1/.test(JSON.stringify(body)));
});

test('GET /api/v1/test-helpers answers what it is given', async () => {
  const helpers = { 'web-connectivity': [{ address: 'http://127.0.0.1:8081', type: 'https' }] };
  const res = await testApp({ testHelpers: helpers }).request('/api/v1/test-helpers');
  assert.deepEqual(await res.json(), helpers);
});

test('GET /api/v1/manifest: 404 with our error shape, so probe-cli falls back to plain submission', async () => {
  const res = await testApp().request('/api/v1/manifest');
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('Cache-Control'), 'no-cache');
  assert.equal((await errorBody(res)).error, 'manifest_not_found');
});

test('GET /api/v1/collectors: us, as https, cached 1 h', async () => {
  const res = await testApp({ publicBaseUrl: 'http://127.0.0.1:9999' }).request('/api/v1/collectors');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'max-age=3600');
  assert.deepEqual(await res.json(), [{ address: 'http://127.0.0.1:9999', type: 'https' }]);
});

test('POST /bouncer/net-tests: echoes the first net-test, names us as collector', async () => {
  const res = await testApp({ publicBaseUrl: 'http://127.0.0.1:9999' }).request(
    '/bouncer/net-tests',
    postJson({
      'net-tests': [
        { name: 'web_connectivity', version: '0.0.1' },
        { name: 'ndt', version: '1' },
      ],
    }),
  );
  assert.equal(res.status, 200);
  const body = (await res.json()) as { 'net-tests': Array<Record<string, unknown>> };
  assert.equal(body['net-tests'].length, 1);
  const t = body['net-tests'][0]!;
  assert.equal(t['name'], 'web_connectivity');
  assert.equal(t['version'], '0.0.1');
  assert.equal(t['collector'], 'http://127.0.0.1:9999');
  assert.deepEqual(t['collector-alternate'], [{ type: 'https', address: 'http://127.0.0.1:9999' }]);
  assert.equal(t['input-hashes'], null);
  assertObject(t['test-helpers'], 'test-helpers');
  assertString(t['test-helpers']['web-connectivity'], 'web-connectivity');
  assertString(t['test-helpers']['tcp-echo'], 'tcp-echo');
  assertObject(t['test-helpers-alternate'], 'test-helpers-alternate');
});

test('POST /bouncer/net-tests: malformed requests → 400', async () => {
  const app = testApp();
  for (const body of ['not json', '[]', {}, { 'net-tests': [] }, { 'net-tests': [{ name: 'x' }] }, { 'net-tests': 'x' }]) {
    const res = await app.request('/bouncer/net-tests', postJson(body));
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal((await errorBody(res)).error, 'malformed_request');
  }
});

test('defaultProbeServicesOptions() alone gives a working app (register → login)', async () => {
  const app = createProbeServicesRoutes(defaultProbeServicesOptions());
  assert.equal((await app.request('/api/v1/test-helpers')).status, 200);
  const reg = await app.request('/api/v1/register', postJson({ password: 'p' }));
  const { client_id } = (await reg.json()) as { client_id: string };
  const login = await app.request('/api/v1/login', postJson({ username: client_id, password: 'p' }));
  assert.equal(login.status, 200);
});

test('JSON bodies over 1 MiB → 413 body_too_large', async () => {
  const res = await testApp().request('/api/v1/check-in', postJson({ pad: 'x'.repeat(1024 * 1024) }));
  assert.equal(res.status, 413);
  assert.equal((await errorBody(res)).error, 'body_too_large');
});
