import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSubmittedReportId } from '../../../domain/ids/report-id.ts';
import { CHECK_IN_TEST_NAMES } from '../../../api/probe/check-in.ts';
import type { TestListUrl, UrlQuery } from '../../../api/probe/index.ts';
import { NOW, RFC3339_UTC, assertObject, assertString, assertTestHelpersShape, errorBody, postJson, testApp } from '../../helpers/unit/probe.ts';

// What miniooni sends (fields filled in by the session).
const miniooni = {
  charging: true,
  on_wifi: true,
  platform: 'linux',
  probe_asn: 'AS30722',
  probe_cc: 'IT',
  run_type: 'manual',
  software_name: 'miniooni',
  software_version: '3.30.0',
  web_connectivity: { category_codes: [] },
};

function urlsFor(n: number): TestListUrl[] {
  return Array.from({ length: n }, (_, i) => ({ category_code: i % 2 ? 'NEWS' : 'HUMR', country_code: 'IT', url: `https://example${i}.org/` }));
}

function recordingSource(urls: TestListUrl[]) {
  const calls: UrlQuery[] = [];
  return {
    calls,
    urlSource: async (q: UrlQuery) => {
      calls.push(q);
      return urls;
    },
  };
}

async function checkIn(body: unknown, urls: TestListUrl[] = urlsFor(3)) {
  const src = recordingSource(urls);
  const res = await testApp({ urlSource: src.urlSource }).request('/api/v1/check-in', postJson(body));
  return { res, calls: src.calls, body: (await res.json()) as Record<string, unknown> };
}

test('check-in answers the shape probe-cli decodes', async () => {
  const { res, body } = await checkIn(miniooni);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'no-cache');
  assert.equal(body['v'], 1);
  assert.equal(body['probe_cc'], 'IT');
  assert.equal(body['probe_asn'], 'AS30722');
  assert.equal(body['probe_network_name'], null);
  assertString(body['utc_time'], 'utc_time');
  assert.match(body['utc_time'], RFC3339_UTC);
  assert.equal(body['utc_time'], '2026-03-01T12:34:56Z');
  assert.equal(new Date(body['utc_time']).getTime(), Math.floor(NOW.getTime() / 1000) * 1000);
  assertObject(body['conf'], 'conf');
  assertObject(body['conf']['features'], 'features');
  for (const v of Object.values(body['conf']['features'])) assert.equal(typeof v, 'boolean');
  assert.equal(body['conf']['features']['webconnectivity_0.5'], true);
  assertTestHelpersShape(body['conf']['test_helpers']);
  assertObject(body['tests'], 'tests');
  assert.deepEqual(Object.keys(body['tests']).sort(), [...CHECK_IN_TEST_NAMES].sort());
  assert.equal(CHECK_IN_TEST_NAMES.length, 21);
  const wc = body['tests']['web_connectivity'];
  assertObject(wc, 'web_connectivity');
  assert.deepEqual(wc['urls'], urlsFor(3));
});

test('check-in gives every test its own report_id, valid for submission', async () => {
  const { body } = await checkIn(miniooni);
  const tests = body['tests'] as Record<string, { report_id: string }>;
  const ids = new Set<string>();
  for (const name of CHECK_IN_TEST_NAMES) {
    const id = tests[name]!.report_id;
    ids.add(id);
    const parsed = checkSubmittedReportId(id);
    assert.equal(parsed.kind, 'ok', id);
    if (parsed.kind === 'ok') {
      assert.equal(parsed.cc, 'IT');
      assert.equal(parsed.asn, 30722);
      assert.equal(parsed.testName, name.replaceAll('_', ''));
    }
    assert.ok(id.startsWith('20260301T123456Z_'));
  }
  assert.equal(ids.size, 21);
  assert.equal(tests['web_connectivity']!.report_id.length, 61);
});

test('URL limits: 9999 manual, 100 charging, 20 otherwise', async () => {
  const cases: Array<[Record<string, unknown>, number]> = [
    [{ run_type: 'manual', charging: false }, 9999],
    [{ run_type: 'timed', charging: true }, 100],
    [{ run_type: 'timed', charging: false }, 20],
    [{ run_type: undefined, charging: undefined }, 20],
  ];
  for (const [patch, limit] of cases) {
    const { calls, body } = await checkIn({ ...miniooni, ...patch }, urlsFor(150));
    assert.equal(calls[0]!.limit, limit, JSON.stringify(patch));
    const wc = (body['tests'] as Record<string, { urls: unknown[] }>)['web_connectivity']!;
    assert.equal(wc.urls.length, Math.min(150, limit));
  }
});

test('category filter: passed to the source and enforced on its answer', async () => {
  for (const codes of [['news'], 'NEWS', 'news, '] as const) {
    const { calls, body } = await checkIn({ ...miniooni, web_connectivity: { category_codes: codes } }, urlsFor(6));
    assert.deepEqual(calls[0]!.categoryCodes, ['NEWS']);
    const urls = (body['tests'] as Record<string, { urls: TestListUrl[] }>)['web_connectivity']!.urls;
    assert.equal(urls.length, 3);
    assert.ok(urls.every((u) => u.category_code === 'NEWS'));
  }
});

test('bad category codes → 400', async () => {
  for (const codes of [['NEWS1'], ['A B'], 'NEWS;DROP', 5, [1]]) {
    const { res } = await checkIn({ ...miniooni, web_connectivity: { category_codes: codes } });
    assert.equal(res.status, 400, JSON.stringify(codes));
  }
});

test("the probe's CC/ASN are normalised and passed to the URL source", async () => {
  const { calls, body } = await checkIn({ ...miniooni, probe_cc: 'it', probe_asn: 'as3269' });
  assert.deepEqual(calls[0], { probeCc: 'IT', probeAsn: 'AS3269', categoryCodes: [], limit: 9999 });
  assert.equal(body['probe_asn'], 'AS3269');
  const empty = await checkIn({});
  assert.equal(empty.body['probe_cc'], 'ZZ');
  assert.equal(empty.body['probe_asn'], 'AS0');
});

test('a failing URL source gives an empty list, not an error; junk entries are dropped', async () => {
  const res = await testApp({
    urlSource: async () => {
      throw new Error('db down');
    },
  }).request('/api/v1/check-in', postJson(miniooni));
  assert.equal(res.status, 200);
  const body = (await res.json()) as { tests: Record<string, { urls?: unknown[] }> };
  assert.deepEqual(body.tests['web_connectivity']!.urls, []);
  const junk = [{ url: 1 }, null, ...urlsFor(1)] as unknown as TestListUrl[];
  const { body: b2 } = await checkIn(miniooni, junk);
  assert.deepEqual((b2['tests'] as Record<string, { urls: unknown[] }>)['web_connectivity']!.urls, urlsFor(1));
});

test('configured features are merged; webconnectivity_0.5 stays true', async () => {
  const res = await testApp({ features: { torsf_enabled: false, 'webconnectivity_0.5': false } }).request('/api/v1/check-in', postJson(miniooni));
  const body = (await res.json()) as { conf: { features: Record<string, boolean> } };
  assert.deepEqual(body.conf.features, { torsf_enabled: false, 'webconnectivity_0.5': true });
});

test('non-JSON check-in → 400 invalid_json', async () => {
  const res = await testApp().request('/api/v1/check-in', postJson('{'));
  assert.equal(res.status, 400);
  assert.equal((await errorBody(res)).error, 'invalid_json');
});
