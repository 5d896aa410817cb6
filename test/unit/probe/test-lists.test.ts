import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestListUrl, UrlQuery } from '../../../api/probe/index.ts';
import { errorBody, postJson, testApp } from '../../helpers/unit/probe.ts';

const torTargets = { abc: { address: '1.2.3.4:443', name: 'x', params: { cert: ['c'] }, protocol: 'obfs4', source: 'bridgedb' } };
const psiphonConfig = { PropagationChannelId: 'X', SponsorId: 'Y' };

async function loginToken(app: ReturnType<typeof testApp>): Promise<string> {
  const reg = await app.request('/api/v1/register', postJson({ password: 'p' }));
  const { client_id } = (await reg.json()) as { client_id: string };
  const res = await app.request('/api/v1/login', postJson({ username: client_id, password: 'p' }));
  return ((await res.json()) as { token: string }).token;
}

test('tor-targets and psiphon-config need a Bearer token from login', async () => {
  const app = testApp({ torTargets, psiphonConfig });
  const token = await loginToken(app);
  const auth = { headers: { Authorization: `Bearer ${token}` } };
  const tor = await app.request('/api/v1/test-list/tor-targets?country_code=IT', auth);
  assert.equal(tor.status, 200);
  assert.equal(tor.headers.get('Cache-Control'), 'no-cache');
  assert.deepEqual(await tor.json(), torTargets);
  const psi = await app.request('/api/v1/test-list/psiphon-config', auth);
  assert.equal(psi.status, 200);
  assert.deepEqual(await psi.json(), psiphonConfig);
});

test('tor-targets and psiphon-config without a valid token → 401', async () => {
  const app = testApp({ torTargets, psiphonConfig });
  const foreign = await loginToken(testApp({ jwtSecret: 'other' }));
  const reg = await app.request('/api/v1/register', postJson({}));
  const { client_id } = (await reg.json()) as { client_id: string };
  for (const path of ['/api/v1/test-list/tor-targets', '/api/v1/test-list/psiphon-config']) {
    for (const header of [undefined, 'Bearer', `Bearer ${foreign}`, `Bearer ${client_id}`, 'Basic abc', 'Bearer a.b.c']) {
      const res = await app.request(path, header ? { headers: { Authorization: header } } : {});
      assert.equal(res.status, 401, `${path} ${header}`);
      assert.equal((await errorBody(res)).error, 'invalid_token');
    }
  }
});

test('GET /api/v1/test-list/urls: metadata shape, results from the source, max-age=1', async () => {
  const calls: UrlQuery[] = [];
  const urls: TestListUrl[] = [
    { category_code: 'NEWS', country_code: 'IT', url: 'https://a.it/' },
    { category_code: 'HUMR', country_code: 'XX', url: 'https://b.org/' },
  ];
  const app = testApp({
    urlSource: async (q) => {
      calls.push(q);
      return urls;
    },
  });
  const res = await app.request('/api/v1/test-list/urls?probe_cc=it&limit=10');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'max-age=1');
  assert.deepEqual(await res.json(), {
    metadata: { count: 2, current_page: -1, limit: -1, next_url: '', pages: 1 },
    results: urls,
  });
  assert.deepEqual(calls[0], { probeCc: 'IT', probeAsn: 'AS0', categoryCodes: [], limit: 10 });

  const filtered = await app.request('/api/v1/test-list/urls?country_code=IT&category_codes=news&limit=-1');
  const fb = (await filtered.json()) as { metadata: { count: number }; results: TestListUrl[] };
  assert.deepEqual(fb.results, [urls[0]]);
  assert.equal(fb.metadata.count, 1);
  assert.deepEqual(calls[1], { probeCc: 'IT', probeAsn: 'AS0', categoryCodes: ['NEWS'], limit: 9999 });

  const cut = await app.request('/api/v1/test-list/urls?limit=1');
  assert.equal(((await cut.json()) as { results: unknown[] }).results.length, 1);
});

test('GET /api/v1/test-list/urls: bad limit or categories → 422', async () => {
  const app = testApp();
  for (const q of ['limit=0', 'limit=10000', 'limit=-2', 'limit=abc', 'category_codes=NEWS1', 'category_codes=a%20b']) {
    const res = await app.request(`/api/v1/test-list/urls?${q}`);
    assert.equal(res.status, 422, q);
    assert.equal((await errorBody(res)).error, 'invalid_parameter');
  }
});

test('GET /api/v1/test-list/urls: a failing source gives an empty list', async () => {
  const res = await testApp({
    urlSource: async () => {
      throw new Error('down');
    },
  }).request('/api/v1/test-list/urls');
  assert.equal(res.status, 200);
  assert.deepEqual(((await res.json()) as { metadata: { count: number } }).metadata.count, 0);
});
