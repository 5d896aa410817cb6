import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSubmittedReportId } from '../../../domain/ids/report-id.ts';
import { errorBody, postJson, testApp } from '../../helpers/unit/probe.ts';

// All nine keys probe-cli always sends when opening a report.
const openRequest = {
  data_format_version: '0.2.0',
  format: 'json',
  probe_asn: 'AS30722',
  probe_cc: 'IT',
  software_name: 'miniooni',
  software_version: '3.29.1',
  test_name: 'web_connectivity',
  test_start_time: '2026-03-01 12:34:50',
  test_version: '0.5.28',
};

async function open(body: unknown, headers: Record<string, string> = {}) {
  const res = await testApp().request('/report', postJson(body, headers));
  return { res, body: (await res.json()) as Record<string, unknown> };
}

test('POST /report: backend_version, report_id, supported_formats with "json"', async () => {
  const { res, body } = await open(openRequest);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('Cache-Control'), 'no-cache');
  assert.equal(body['backend_version'], '1.3.5');
  assert.deepEqual(body['supported_formats'], ['yaml', 'json']);
  const id = body['report_id'] as string;
  assert.match(id, /^20260301T123456Z_webconnectivity_IT_30722_n1_[A-Za-z0-9]{16}$/);
  assert.equal(id.length, 61);
  assert.deepEqual(checkSubmittedReportId(id), { kind: 'ok', cc: 'IT', asn: 30722, testName: 'webconnectivity' });
});

test('POST /report normalises CC, ASN and test name', async () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ probe_cc: 'it', probe_asn: 'as30722', test_name: 'Web_Connectivity' }, /_webconnectivity_IT_30722_n1_/],
    [{ probe_cc: 'ITA', probe_asn: 'AS4294967295' }, /_ZZ_4294967295_n1_/],
    [{ probe_cc: 'I_T', probe_asn: 'AS42949672950' }, /_IT_0_n1_/],
    [{ probe_asn: '30722' }, /_IT_0_n1_/],
    [{ probe_cc: undefined, probe_asn: undefined }, /_ZZ_0_n1_/],
  ];
  for (const [patch, re] of cases) {
    const { res, body } = await open({ ...openRequest, ...patch });
    assert.equal(res.status, 200);
    assert.match(body['report_id'] as string, re, JSON.stringify(patch));
  }
  const zz = await open({ ...openRequest, probe_cc: 'ZZ', probe_asn: 'AS0' });
  assert.deepEqual(checkSubmittedReportId(zz.body['report_id'] as string), { kind: 'discard', reason: 'asn_0' });
});

test('POST /report parses JSON whatever the Content-Type', async () => {
  const { res } = await open(openRequest, { 'Content-Type': 'text/plain' });
  assert.equal(res.status, 200);
});

test('POST /report with a non-JSON body → 400 invalid_json', async () => {
  for (const raw of ['not json', '', '[1]', 'null']) {
    const res = await testApp().request('/report', postJson(raw));
    assert.equal(res.status, 400, raw);
    assert.equal((await errorBody(res)).error, 'invalid_json');
  }
});

test('POST /report/{id}/close → 200 {}', async () => {
  const res = await testApp().request('/report/20260301T123456Z_ndt_IT_30722_n1_AAAAAAAAAAAAAAAA/close', { method: 'POST' });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {});
  assert.equal(res.headers.get('Cache-Control'), 'max-age=3600');
});

test('the submit paths are not served here', async () => {
  const app = testApp();
  assert.equal((await app.request('/report/20260301T123456Z_ndt_IT_30722_n1_AAAAAAAAAAAAAAAA', postJson({}))).status, 404);
  assert.equal((await app.request('/api/v1/submit_measurement', postJson({}))).status, 404);
});
